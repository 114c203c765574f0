// What the fuzz target does with one input: everything miniload does to a
// file it links, up to the jump. The input is opened and mapped as the
// program, linked against itself as a library (every DT_NEEDED finds the
// same bytes again), relocated, its RELRO protected, then every symbol is
// looked up and every PLT entry bound as a lazy call would. Any
// "miniload: ..." diagnostic ends the run through exit_group, which the host
// turns into a return; anything else the sanitizers catch is a bug.
//
// The last byte of e_ident, padding that miniload never reads, also picks
// the options a run uses, so that the fuzzer explores them too: bit 0 sets
// AT_SECURE, bit 1 --bind-now, bit 2 preloads the input, bit 3 searches the
// system directories only. Seeds leave it 0: the default run.
#include "diag.hpp"
#include "dynamic.hpp"
#include "image.hpp"
#include "linkmap.hpp"
#include "relocate.hpp"
#include "symbols.hpp"
#include "tls.hpp"

namespace {

// A fake initial stack: argc, argv, envp and an auxv that names the page
// size and says whether the run is secure (word 7).
uptr initial_stack[] = {1, (uptr) "fuzz", 0, 0, AT_PAGESZ, 4096, AT_SECURE, 0, AT_NULL, 0};

// Lookups and lazy calls per object, so that one input stays cheap.
constexpr u32 max_lookups = 256;

}  // namespace

void fuzz_body(const u8* data, usize size) {
    unsigned mode = size > 15 ? data[15] : 0;
    diag::program = "fuzz/input";
    initial_stack[7] = mode & 1;
    Process proc(initial_stack);
    Arena arena(proc.page_size());
    Options opt;
    opt.library_path = mode & 8 ? nullptr : "lib:$ORIGIN/../lib";  // search lists and $ORIGIN
    opt.preload = mode & 4 ? "fuzz/preload.so" : nullptr;
    Linker& l = *arena.create<Linker>(arena, opt, proc);
    l.bind_now = mode & 2;
    Object* prog = arena.make<Object>();
    load_image(*prog, "fuzz/input", arena);
    l.add(prog);
    decode_dynamic(*prog, arena);
    load_dependencies(l);
    check_versions(l);
    setup_tls(l);
    for (u32 i = l.count; i-- > 0;) relocate_object(l, *l.objs[i]);
    copy_tls_images(l);
    for (u32 i = 0; i < l.count; ++i) protect_relro(*l.objs[i]);

    for (u32 k = 0; k < l.count; ++k) {
        Object& o = *l.objs[k];
        // ELF does not say where the symbol table ends: stop at the first
        // entry that is not a symbol, as only relocations name indices.
        for (u32 i = 1; i < o.nsyms && i < max_lookups && o.string(o.symtab[i].st_name); ++i) {
            SymbolRef ref = make_ref(o, i, false);
            lookup(l.objs, l.count, ref, nullptr);
        }
    }
    for (u32 k = 0; k < l.count; ++k) {
        Object& o = *l.objs[k];
        if (!o.lazy) continue;
        for (usize i = 0; i < o.jmprel.count && i < max_lookups; ++i) miniload_lazy_bind(&o, i);
    }
}

// The assembly entry points of a real port; the relocations store their
// addresses, and nothing calls them here.
extern "C" {
void arch_enter(void*, unsigned long, unsigned long) { __builtin_trap(); }
void arch_lazy_entry() {}
void arch_tlsdesc_static() {}
void arch_tls_get_addr() {}
}
