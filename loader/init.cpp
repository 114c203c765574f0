#include "init.hpp"
#include "diag.hpp"

using namespace elf;

namespace {

// The order initialisers ran in, for miniload_fini. The program calls that
// function with no arguments at exit, so this is the one place where state
// must outlive the call that made it.
Object** init_order;
u32 init_count;

// The program's functions, built for the psABI's calling convention.
using InitFn = void (ARCH_PSABI*)(int, char**, char**);
using FiniFn = void (ARCH_PSABI*)();

// Appends obj after everything it depends on (post-order). An object is
// marked as soon as the walk reaches it, so a cycle stops there and an
// object is appended once.
void order_after_deps(Object& obj, Object** out, u32& n) {
    if (obj.visited) return;
    obj.visited = true;
    for (u32 i = 0; i < obj.ndeps; ++i) order_after_deps(*obj.deps[i], out, n);
    out[n++] = &obj;
}

// A function pointer from an init or fini table, checked to lie in the
// object's code.
uptr checked(const Object& obj, uptr fn) { return obj.code(fn, "initialiser"); }

bool is_entry(Addr fn) { return fn != 0 && fn != (Addr)-1; }

void run_array(const Object& obj, const Words& t, long argc, char** argv, char** envp) {
    for (const Addr* f = t.begin; f != t.end(); ++f)
        if (is_entry(*f)) ((InitFn)checked(obj, *f))((int)argc, argv, envp);
}

}  // namespace

void run_initializers(Linker& l, long argc, char** argv, char** envp) {
    Object** order = l.arena.make<Object*>(l.count);
    u32 n = 0;
    for (u32 i = 1; i < l.count; ++i) order_after_deps(*l.objs[i], order, n);
    order_after_deps(*l.objs[0], order, n);
    init_order = order;
    init_count = n;

    Object& exe = *l.objs[0];
    run_array(exe, exe.preinit_array, argc, argv, envp);
    for (u32 i = 0; i < n; ++i) {
        Object& o = *order[i];
        if (o.init) ((InitFn)checked(o, o.bias + o.init))((int)argc, argv, envp);
        run_array(o, o.init_array, argc, argv, envp);
    }
}

extern "C" void miniload_fini() {
    for (u32 i = init_count; i-- > 0;) {
        const Object& o = *init_order[i];
        for (const Addr* f = o.fini_array.end(); f-- != o.fini_array.begin;)
            if (is_entry(*f)) ((FiniFn)checked(o, *f))();
        if (o.fini) ((FiniFn)checked(o, o.bias + o.fini))();
    }
    init_count = 0;  // once only, even if the program calls it twice
}
