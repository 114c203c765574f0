// The library build's scope search: the objects of the library's Linker (the
// library, then the libraries it was loaded against, in order), then what
// this build supplies (__tls_get_addr, which must read the module words its
// own DTPMOD relocations wrote: tls.cpp), then the host's resolver.
#include "library.hpp"
#include "symbols.hpp"
#include "arch_contract.hpp"

Definition lookup(Object* const* scope, u32 count, const SymbolRef& ref, const Object* skip, u32 first) {
    for (u32 k = first; k < count; ++k) {
        const Object& o = *scope[k];
        if (bloom_rejects(o, ref.gnu_hash) || &o == skip) continue;
        if (const elf::Sym* s = find_in(o, ref)) return {scope[k], s, 0};
    }
    Definition none;
    none.builtin = arch::builtin_symbol(ref.name);
    if (none.builtin) return none;
    // scope[0] is the library being relocated or lazily bound: its Linker
    // is the one that knows the resolver.
    const LibLinker& l = *static_cast<const LibLinker*>(scope[0]->linker);
    if (l.resolver) none.builtin = (uptr)l.resolver(l.context, ref.name, ref.version ? ref.version->name : nullptr);
    return none;
}
