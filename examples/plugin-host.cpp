// Loads a plugin with libminiload, lets it call back into this program, and
// calls into it:
//     plugin-host PLUGIN.so [now]
// The plugin (tests/fixtures/library/plugin.c) needs host_log, host_add,
// host_mix, host_vector and the variable host_version; this program offers
// them through a table that the resolver searches.
#include <miniload.hpp>

#include <cstdio>
#include <cstring>

namespace {

typedef float v4f __attribute__((vector_size(16)));

int host_version = 2;
void host_log(const char* text) { std::printf("[plugin says] %s\n", text); }
int host_add(int a, int b) { return a + b; }
long host_mix(double a, double b, double c, double d, double e, double f, double g, double h) {
    return (long)(a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h);
}
long host_vector(v4f v, long i, double x) {
    return (long)(v[0] + 2 * v[1] + 3 * v[2] + 4 * v[3]) * 1000 + i * 10 + (long)x;
}

struct Export {
    const char* name;
    void* address;
};
const Export exports[] = {
    {"host_log", (void*)&host_log},     {"host_add", (void*)&host_add},
    {"host_mix", (void*)&host_mix},     {"host_vector", (void*)&host_vector},
    {"host_version", (void*)&host_version},
};

// Asked for every symbol the plugin needs and does not define itself.
void* find_export(void* context, const char* name, const char* version) {
    (void)context, (void)version;
    for (const Export& e : exports)
        if (std::strcmp(e.name, name) == 0) return e.address;
    return nullptr;  // the load fails (or, bound lazily, the call ends the program)
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: plugin-host PLUGIN.so [now]\n");
        return 2;
    }
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    miniload::Options options;
    options.resolver(find_export);
    if (argc > 2 && std::strcmp(argv[2], "now") == 0) options.bind(miniload::Binding::now);

    auto plugin = miniload::Library::open(argv[1], options);  // runs its initialiser
    if (!plugin) {
        std::fprintf(stderr, "%s\n", plugin.error().message());
        return 127;
    }
    auto name = plugin->get<const char* (*)()>("plugin_name");
    auto sum = plugin->get<int (*)(int)>("plugin_sum");
    auto mix = plugin->get<long (*)()>("plugin_mix");
    if (!name || !sum || !mix) {
        std::fprintf(stderr, "%s\n", (!name ? name.error() : !sum ? sum.error() : mix.error()).message());
        return 1;
    }
    std::printf("plugin %s at %#lx\n", (*name)(), (unsigned long)plugin->base());
    std::printf("sum of 0..99 through host_add: %d\n", (*sum)(100));
    std::printf("eight doubles through host_mix: %ld\n", (*mix)());
    auto absent = plugin->get<void (*)()>("plugin_absent");
    std::printf("looking up plugin_absent: %s\n", absent ? "found" : absent.error().message());
    return 0;  // `plugin` goes out of scope: its finaliser runs, it is unmapped
}
