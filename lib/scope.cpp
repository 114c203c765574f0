// The library build's scope search: the objects of the library's Linker (the
// library, then the libraries it was loaded against, in order), then the
// host's resolver. Nothing is supplied the way the executable supplies
// __tls_get_addr: a library loaded into a host may use the host's own.
#include "library.hpp"
#include "symbols.hpp"

Definition lookup(Object* const* scope, u32 count, SymbolRef& ref, const Object* skip) {
    for (u32 k = 0; k < count; ++k) {
        const Object& o = *scope[k];
        if (&o == skip || (o.gnu_buckets && bloom_rejects(o, ref))) continue;
        if (const elf::Sym* s = find_in(o, ref)) return {scope[k], s, 0};
    }
    // scope[0] is the library being relocated or lazily bound: its Linker
    // is the one that knows the resolver.
    const LibLinker& l = *static_cast<const LibLinker*>(scope[0]->linker);
    Definition none;
    if (l.resolver) none.builtin = (uptr)l.resolver(l.context, ref.name, ref.version ? ref.version->name : nullptr);
    return none;
}
