// The scope search of the miniload executable: the objects in load order,
// then what ld.so would define (arch::builtin_symbol). A separate file so
// that the library build can search its own scope instead (lib/scope.cpp).
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
    return none;
}
