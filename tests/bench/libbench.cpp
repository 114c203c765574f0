// Rows 6 and 7 of make bench: libminiload next to glibc's dlopen, in one
// process, on the same files.
//   libbench load PLUGIN      load + relocate + unload, lazy and eager:
//                             Library::open + reset against dlopen + dlclose
//   libbench lookup LIBRARY   lookups of every defined function of LIBRARY:
//                             Library::get against dlsym on the same names,
//                             by string and by miniload::Name
// A last argument "quick" runs few short rounds, for trying things.
// Each case is timed in rounds that alternate which API goes first; each
// round is a loop of many operations, timed as a whole and divided. Prints
// one JSON object: {"case": {"api": [seconds per operation, per round]}}.
// Before timing, both APIs must give the same answers.
#include <miniload.hpp>

#include <dlfcn.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

// What the plugin needs from its host. Exported (-rdynamic) so that dlopen
// binds to them too; miniload gets them from the table below.
typedef float v4f __attribute__((vector_size(16)));
extern "C" {
__attribute__((used)) int host_version = 1;
__attribute__((used)) void host_log(const char*) {}
__attribute__((used)) int host_add(int a, int b) { return a + b; }
__attribute__((used)) long host_mix(double a, double, double, double, double, double, double, double h) {
    return (long)(a + h);
}
__attribute__((used)) long host_vector(v4f v, long i, double x) { return (long)(v[0] + i + x); }
}

namespace {

struct Export {
    const char* name;
    void* address;
};
const Export exports[] = {
    {"host_log", (void*)&host_log}, {"host_add", (void*)&host_add}, {"host_mix", (void*)&host_mix},
    {"host_vector", (void*)&host_vector}, {"host_version", (void*)&host_version},
};

void* find_export(void*, const char* name, const char*) {
    for (const Export& e : exports)
        if (std::strcmp(e.name, name) == 0) return e.address;
    return nullptr;
}

double now() {
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

[[noreturn]] void fail(const char* what, const char* why) {
    std::fprintf(stderr, "libbench: %s: %s\n", what, why);
    std::exit(1);
}

int rounds = 12, scale = 1;  // "quick": 3 rounds of a quarter of the operations

// Runs rounds of `ops` operations of each of a and b, alternating which
// goes first, and prints {"name": {"a_name": [...], "b_name": [...]}}.
template <class A, class B>
void compare(const char* name, int ops, const char* a_name, A a, const char* b_name, B b, bool last) {
    std::vector<double> ta, tb;
    ops /= scale;
    a(), b();  // warm up: caches, the page cache, the C library's lazily bound calls
    for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
            bool first_a = (r + k) % 2 == 0;
            double t0 = now();
            for (int i = 0; i < ops; i++) first_a ? a() : b();
            (first_a ? ta : tb).push_back((now() - t0) / ops);
        }
    }
    std::printf("  \"%s\": {\"%s\": [", name, a_name);
    for (size_t i = 0; i < ta.size(); i++) std::printf("%s%.4e", i ? ", " : "", ta[i]);
    std::printf("], \"%s\": [", b_name);
    for (size_t i = 0; i < tb.size(); i++) std::printf("%s%.4e", i ? ", " : "", tb[i]);
    std::printf("]}%s\n", last ? "" : ",");
}

int load(const char* path) {
    for (bool eager : {false, true}) {
        miniload::Options o;
        o.resolver(find_export).bind(eager ? miniload::Binding::now : miniload::Binding::lazy);
        int flags = (eager ? RTLD_NOW : RTLD_LAZY) | RTLD_LOCAL;
        // Both must load it and agree on what it computes.
        auto lib = miniload::Library::open(path, o);
        if (!lib) fail(path, lib.error().message());
        void* h = dlopen(path, flags);
        if (!h) fail(path, dlerror());
        auto sum = lib->get<int (*)(int)>("plugin_sum");
        auto dsum = (int (*)(int))dlsym(h, "plugin_sum");
        if (!sum || !dsum || (*sum)(10) != 45 || dsum(10) != 45) fail(path, "plugin_sum disagrees");
        dlclose(h);
        lib->reset();
        if (!eager) std::printf("{\n");
        compare(eager ? "plugin, eager" : "plugin, lazy", 400, "libminiload",
                [&] {
                    auto l = miniload::Library::open(path, o);
                    if (!l) fail(path, l.error().message());
                },
                "glibc dlopen",
                [&] {
                    void* d = dlopen(path, flags);
                    if (!d) fail(path, dlerror());
                    dlclose(d);
                },
                eager);
    }
    std::printf("}\n");
    return 0;
}

int lookup(const char* path) {
    auto lib = miniload::Library::open(path);
    if (!lib) fail(path, lib.error().message());
    void* h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) fail(path, dlerror());
    // Every function the library defines, by name, in symbol-table order.
    std::vector<std::string> names;
    for (int i = 0;; i++) {
        std::string n = "cf_" + std::to_string(i);
        if (!dlsym(h, n.c_str())) break;
        names.push_back(n);
    }
    if (names.size() < 1000) fail(path, "expected thousands of functions cf_0, cf_1, ...");
    std::vector<const char*> cnames;
    for (const std::string& n : names) cnames.push_back(n.c_str());
    for (size_t i = 0; i < cnames.size(); i++) {
        auto f = lib->get<int (*)(int)>(cnames[i]);
        auto g = (int (*)(int))dlsym(h, cnames[i]);
        if (!f || !g || (*f)(1) != g(1)) fail(cnames[i], "get and dlsym disagree");
    }
    if (lib->get<void*>("cf_missing") || dlsym(h, "cf_missing")) fail(path, "cf_missing found");
    volatile uintptr_t sink = 0;
    size_t n = cnames.size(), i = 0, j = 0;
    std::printf("{\n");
    std::string label = "lookup among " + std::to_string(n) + " functions";
    compare(label.c_str(), 20 * (int)n, "libminiload get",
            [&] {
                sink = sink + (uintptr_t)lib->get<void*>(cnames[i]).value_or(nullptr);
                if (++i == n) i = 0;
            },
            "glibc dlsym",
            [&] {
                sink = sink + (uintptr_t)dlsym(h, cnames[j]);
                if (++j == n) j = 0;
            },
            false);
    // The same names made into miniload::Name beforehand, as a host does for
    // the names it looks up often (at compile time for constants).
    std::vector<miniload::Name> hashed(cnames.begin(), cnames.end());
    for (size_t k = 0; k < n; k++) {
        auto f = lib->get<int (*)(int)>(hashed[k]);
        if (!f || (*f)(1) != ((int (*)(int))dlsym(h, cnames[k]))(1)) fail(cnames[k], "get(Name) and dlsym disagree");
    }
    i = j = 0;
    label += ", names hashed beforehand";
    compare(label.c_str(), 20 * (int)n, "libminiload get(Name)",
            [&] {
                sink = sink + (uintptr_t)lib->get<void*>(hashed[i]).value_or(nullptr);
                if (++i == n) i = 0;
            },
            "glibc dlsym",
            [&] {
                sink = sink + (uintptr_t)dlsym(h, cnames[j]);
                if (++j == n) j = 0;
            },
            true);
    std::printf("}\n");
    dlclose(h);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::strcmp(argv[3], "quick") == 0) {
        rounds = 3, scale = 4;
        argc--;
    }
    if (argc == 3 && std::strcmp(argv[1], "load") == 0) return load(argv[2]);
    if (argc == 3 && std::strcmp(argv[1], "lookup") == 0) return lookup(argv[2]);
    std::fprintf(stderr, "usage: libbench load PLUGIN | libbench lookup LIBRARY\n");
    return 2;
}
