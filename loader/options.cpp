#include "options.hpp"
#include "diag.hpp"
#include "syscalls.hpp"
#include "version.hpp"

namespace {

constexpr char usage_text[] =
    "Usage: miniload [OPTIONS] [--] PROGRAM [ARGS...]\n"
    "Run PROGRAM, loading the libraries it needs without the system's ld.so.\n"
    "  --argv0 NAME         argv[0] for PROGRAM\n"
    "  --interp PATH        hand PROGRAM to the interpreter PATH\n"
    "  --self-link          link PROGRAM here even if it names an interpreter\n"
    "  --library-path DIRS  search DIRS first (instead of LD_LIBRARY_PATH)\n"
    "  --preload LIBS       load LIBS first (instead of LD_PRELOAD)\n"
    "  --bind-now           bind every PLT entry at start (LD_BIND_NOW=1)\n"
    "  --list               list the libraries PROGRAM needs; do not run it\n"
    "  --verify             exit 0 if PROGRAM would load; do not run it\n"
    "  --debug              trace loading and binding on stderr\n"
    "  --help               print this help\n"
    "  --version            print the version\n"
    "Exit status: PROGRAM's own, or 127 when it cannot be loaded.\n";

void print(int fd, const char* s, usize n) { sys::write(fd, s, n); }

[[noreturn]] void usage_error() {
    print(2, usage_text, sizeof usage_text - 1);
    sys::exit_group(diag::exit_status);
}

}  // namespace

Options parse_options(const Process& p) {
    Options o;
    long i = 1;
    for (; i < p.argc; ++i) {
        const char* a = p.argv[i];
        if (a[0] != '-') break;
        if (str_eq(a, "--")) { ++i; break; }
        // Options that take a value accept "--opt VALUE" and "--opt=VALUE".
        const char** value_slot = nullptr;
        const char* value = nullptr;
        const char* name = a;
        struct { const char* name; const char** slot; } valued[] = {
            {"--argv0", &o.argv0}, {"--interp", &o.interp},
            {"--library-path", &o.library_path}, {"--preload", &o.preload},
        };
        for (auto& v : valued) {
            const char* rest = str_after(a, v.name);
            if (rest && (*rest == 0 || *rest == '=')) {
                value_slot = v.slot;
                name = v.name;
                value = *rest ? rest + 1 : nullptr;
            }
        }
        if (value_slot) {
            if (!value) {
                if (i + 1 >= p.argc) diag::fail(name, "option needs a value (try --help)");
                value = p.argv[++i];
            }
            *value_slot = value;
        } else if (str_eq(a, "--self-link")) o.self_link = true;
        else if (str_eq(a, "--bind-now")) o.bind_now = true;
        else if (str_eq(a, "--list")) o.list = true;
        else if (str_eq(a, "--verify")) o.verify = true;
        else if (str_eq(a, "--debug")) o.debug = true;
        else if (str_eq(a, "--help")) {
            print(1, usage_text, sizeof usage_text - 1);
            sys::exit_group(0);
        } else if (str_eq(a, "--version")) {
            print(1, version_text, sizeof version_text - 1);
            sys::exit_group(0);
        } else diag::fail(a, "unknown option (try --help)");
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
