// Command line and environment, in the spirit of glibc's ld.so:
//   miniload [OPTIONS] [--] PROGRAM [ARGS...]
#pragma once
#include "process.hpp"

struct Options {
    const char* program = nullptr;  // PROGRAM as given
    long program_index = 0;         // its index in the original argv
    const char* argv0 = nullptr;    // --argv0
    const char* interp = nullptr;   // --interp
    const char* library_path = nullptr;  // --library-path, else LD_LIBRARY_PATH
    const char* preload = nullptr;       // --preload, else LD_PRELOAD
    bool self_link = false;
    bool bind_now = false;
    bool list = false;
    bool verify = false;
    bool debug = false;
    bool keep_exe = false;  // --keep-exe: leave /proc/self/exe and cmdline alone
};

// Parses argv (exits for --help, --version and usage errors) and the
// LD_* environment, which AT_SECURE makes miniload ignore.
Options parse_options(const Process& p);

// The LD_* environment alone, for when the kernel started miniload as a
// program's interpreter and there is no miniload command line.
void apply_environment(Options& o, const Process& p);
