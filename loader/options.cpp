#include "options.hpp"
#include "diag.hpp"
#include "syscalls.hpp"
#include "version.hpp"

namespace {

// Names only: the README describes each option, and every byte here ships.
// alignas(1): as errno_texts (diag.cpp).
alignas(1) constexpr char usage_text[] =
    "Usage: miniload [OPTIONS] [--] PROGRAM [ARGS...]\n"
    "  --argv0 NAME  --interp PATH  --self-link  --library-path DIRS  --preload LIBS\n"
    "  --bind-now  --list  --verify  --debug  --keep-exe  --help  --version\n";

void print(int fd, const char* s, usize n) { sys::write(fd, s, n); }

[[noreturn]] void usage_error() {
    print(2, usage_text, sizeof usage_text - 1);
    sys::exit_group(diag::exit_status);
}

}  // namespace

// Option names, without their "--", as one pointer-free blob: the first
// four take a value, the rest are switches, the last two of which print
// and exit. The fields they set are byte offsets into Options, so the table
// is small and needs no relocation.
alignas(1) constexpr char option_names[] = "argv0\0interp\0library-path\0preload\0"
                                "self-link\0bind-now\0list\0verify\0debug\0keep-exe\0help\0version\0";
constexpr unsigned valued_options = 4;
constexpr unsigned help_option = 10;  // then version
constexpr u8 option_fields[] = {
    __builtin_offsetof(Options, argv0), __builtin_offsetof(Options, interp),
    __builtin_offsetof(Options, library_path), __builtin_offsetof(Options, preload),
    __builtin_offsetof(Options, self_link), __builtin_offsetof(Options, bind_now),
    __builtin_offsetof(Options, list), __builtin_offsetof(Options, verify),
    __builtin_offsetof(Options, debug), __builtin_offsetof(Options, keep_exe)};

Options parse_options(const Process& p) {
    Options o;
    long i = 1;
    for (; i < p.argc; ++i) {
        const char* a = p.argv[i];
        if (a[0] != '-') break;
        if (str_eq(a, "--")) { ++i; break; }
        unsigned k = 0;
        const char* rest = nullptr;
        const char* n = option_names;
        for (; *n; n += str_len(n) + 1, ++k) {
            rest = a[1] == '-' ? str_after(a + 2, n) : nullptr;
            // Options that take a value accept "--opt VALUE" and "--opt=VALUE".
            if (rest && (*rest == 0 || (k < valued_options && *rest == '='))) break;
        }
        if (!*n) diag::fail(a, "unknown option (try --help)");
        if (k >= help_option) {
            if (k == help_option) print(1, usage_text, sizeof usage_text - 1);
            else print(1, version_text, sizeof version_text - 1);
            sys::exit_group(0);
        }
        char* field = (char*)&o + option_fields[k];
        if (k >= valued_options) {
            *(bool*)field = true;
            continue;
        }
        if (*rest == 0) {
            if (i + 1 >= p.argc) diag::fail(a, "option needs a value (try --help)");
            rest = p.argv[++i];
        } else {
            ++rest;
        }
        *(const char**)field = rest;
    }
    if (i >= p.argc) usage_error();
    o.program = p.argv[i];
    o.program_index = i;

    apply_environment(o, p);
    return o;
}

void apply_environment(Options& o, const Process& p) {
    if (!p.secure()) {
        if (!o.library_path) o.library_path = p.getenv("LD_LIBRARY_PATH");
        if (!o.preload) o.preload = p.getenv("LD_PRELOAD");
    }
    const char* bind = p.getenv("LD_BIND_NOW");
    if (bind && *bind) o.bind_now = true;  // ld.so treats any non-empty value as set
}
