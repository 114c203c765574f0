// Symbol lookup: GNU hash (with its bloom filter) or SysV hash, symbol
// versions, and the global scope's order.
#pragma once
#include "arch_contract.hpp"
#include "object.hpp"

// What a relocation or a lazy call asks for. The name's GNU hash is computed
// once for the whole scope; its SysV hash only in an object that has no GNU
// hash table, which current linkers no longer make.
struct SymbolRef {
    const char* name;
    usize len;                // of the name, counted while hashing it
    u32 gnu_hash;
    bool for_plt;             // a PLT slot: an executable's PLT address is no definition
    const Version* version;   // required version, or null
};

struct Definition {
    const Object* obj = nullptr;  // null: not found (or the builtin below)
    const elf::Sym* sym = nullptr;
    uptr builtin = 0;             // a function miniload itself supplies
};

// The GNU hash of `name`, and its length in `len`.
u32 gnu_hash(const char* name, usize& len);
u32 sysv_hash(const char* name);

// Whether the n bytes at a and b are the same: a word at a time where the
// CPU reads unaligned words cheaply, else byte by byte.
inline bool same_bytes(const char* a, const char* b, usize n) {
    if constexpr (arch::unaligned_words) {
        for (; n >= sizeof(uptr); n -= sizeof(uptr), a += sizeof(uptr), b += sizeof(uptr)) {
            uptr x, y;
            __builtin_memcpy(&x, a, sizeof x);
            __builtin_memcpy(&y, b, sizeof y);
            if (x != y) return false;
        }
    }
    for (; n; --n)
        if (*a++ != *b++) return false;
    return true;
}

// What the relocation lookahead (lookahead.hpp) learnt about symbol `symbol`
// of the referencing object before its relocation came: the name's hash and
// length, and the first object of the scope whose bloom filter admits it
// (the ones before cannot define it).
struct RefHint {
    u32 symbol = 0;  // 0: no hint
    u32 hash = 0;
    u32 len = 0;     // the lookahead gives no hint for a longer name
    u32 first = 0;
};

// The reference made by symbol `index` of `obj`; fails on a bad index or
// name. A hint for the same symbol spares hashing the name again.
SymbolRef make_ref(const Object& obj, u32 index, bool for_plt, const RefHint* hint = nullptr);

// The GNU bloom filter: two bits per symbol, one word read; most objects in
// a scope are rejected here, by the first bit, without touching their hash
// table. Objects without GNU hash have a filter that rejects nothing
// (decode_dynamic).
__attribute__((always_inline)) inline bool bloom_rejects(const Object& obj, u32 hash) {
    constexpr unsigned bits = 8 * sizeof(elf::Addr);
    elf::Addr word = obj.gnu_bloom[(hash / bits) & obj.gnu_bloom_mask];
    return !(word >> (hash % bits) & 1) || !(word >> ((hash >> obj.gnu_shift) % bits) & 1);
}

// The definition of `ref` in `obj` alone, or null.
const elf::Sym* find_in(const Object& obj, const SymbolRef& ref);

// Searches the scope in order from scope[first] (skipping `skip`, for COPY
// relocations), then the functions miniload supplies.
Definition lookup(Object* const* scope, u32 count, const SymbolRef& ref, const Object* skip, u32 first = 0);

// The address a definition stands for (st_value relocated unless SHN_ABS).
inline uptr symbol_address(const Definition& d) {
    if (d.builtin) return d.builtin;
    if (!d.sym) return 0;
    return d.sym->st_shndx == elf::SHN_ABS ? (uptr)d.sym->st_value : d.obj->bias + (uptr)d.sym->st_value;
}

// Every version an object needs (DT_VERNEED) must be defined by the library
// it names, when that library has version definitions at all, as ld.so
// checks before relocating. Fails with "version V not found".
struct Linker;
void check_versions(const Linker& l);
