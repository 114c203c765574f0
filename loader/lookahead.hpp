// Relocation lookahead — technical note.
//
// With large symbol tables a symbolic relocation costs a chain of cache
// misses, each waiting for the one before: the referencing symbol, its
// name, then in the defining object the hash bucket, the chain word, the
// symbol and its name. Those misses, not instructions, take the time, and
// one relocation's chain cannot overlap itself. So while the relocation
// loop works on entry i it starts the misses of entries further on, one
// link of the chain per distance (with `distance` 8): the symbol of entry
// i+16, its name at i+12, the hash bucket of i+8 in the first object of
// the scope whose bloom filter admits the name, the chain word and symbol
// that bucket names at i+4, and that symbol's name at i+2. Each step reads
// only what an earlier step brought in, so none of them waits.
//
// What the bucket step computes is not thrown away: the entry's lookup
// takes the name's hash and length from it, and starts the scope walk at
// the first object whose bloom filter admitted the name.
//
// Prefetches are hints and never fault, so a name offset is checked only
// where the name is read (hashed), not where it is prefetched. Nothing here
// fails: a bad entry is skipped, and the relocation itself reports it when
// its turn comes.
#pragma once
#include "linkmap.hpp"
#include "symbols.hpp"

class Lookahead {
public:
    // How many entries ahead the bucket is fetched; the other steps are
    // spaced from it. A power of two, at least 4.
    static constexpr usize distance = 8;

    Lookahead(const Linker& l, const Object& obj, const Words& table)
        : scope_(l.objs), count_(l.count), obj_(obj), table_(table) {}

    // Called for entry i of the table, before it is applied.
    __attribute__((noinline)) void step(usize i) {
        if (u32 s = symbol_of(i + 2 * distance)) __builtin_prefetch(&obj_.symtab[s]);
        if (u32 s = symbol_of(i + distance + distance / 2))
            __builtin_prefetch(obj_.strtab + obj_.symtab[s].st_name);
        find_bucket(i + distance);
        follow_bucket(slot(i + distance / 2));
        if (const Slot& c = slot(i + distance / 4); c.def)
            __builtin_prefetch(c.def->strtab + c.def->symtab[c.index].st_name);
    }

    // What was learnt about entry i (its symbol is 0 when nothing was).
    const RefHint* hint(usize i) { return &slot(i).ref; }

private:
    // What the steps learnt about one entry, for the steps after it and
    // for its own lookup.
    struct Slot {
        RefHint ref;
        const Object* def = nullptr;  // the object whose bucket was fetched, or null
        const u32* bucket = nullptr;
        u32 index = 0;                // the symbol the bucket names
    };

    // An entry's slot is written `distance` entries before it is applied
    // and must last until then.
    Slot& slot(usize i) { return ring_[i % (2 * distance)]; }

    // The symbol index entry i names, or 0 (none, or past the table or the symbols).
    u32 symbol_of(usize i) const {
        if (i >= table_.count) return 0;
        u32 s = elf::r_sym(table_.begin[i * table_.step() + 1]);
        return s < obj_.nsyms ? s : 0;
    }

    void find_bucket(usize i) {
        Slot& a = slot(i);
        a.ref.symbol = 0;
        a.def = nullptr;
        u32 s = symbol_of(i);
        const char* name = s ? obj_.string(obj_.symtab[s].st_name) : nullptr;
        if (!name) return;
        usize len;
        u32 hash = gnu_hash(name, len);
        if (len != (u32)len) return;  // a hint holds 32 bits of length
        u32 k = 0;
        while (k < count_ && bloom_rejects(*scope_[k], hash)) ++k;
        a.ref = {s, hash, (u32)len, k};
        if (k == count_) return;
        const Object& o = *scope_[k];
        if (!o.gnu_buckets) return;  // SysV hash: nothing to start early
        a.def = &o;
        a.bucket = &o.gnu_buckets[hash % o.gnu_nbuckets];
        __builtin_prefetch(a.bucket);
    }

    // The bucket fetched `distance / 2` entries ago names the first symbol
    // to compare: its chain word and its symbol next.
    static void follow_bucket(Slot& b) {
        if (!b.def) return;
        const Object& o = *b.def;
        u32 s = *b.bucket;
        b.index = s;
        if (s < o.gnu_symoffset || s >= o.gnu_end) {
            b.def = nullptr;
            return;
        }
        __builtin_prefetch(&o.gnu_chain[s - o.gnu_symoffset]);
        __builtin_prefetch(&o.symtab[s]);
    }

    Object* const* scope_;
    u32 count_;
    const Object& obj_;
    const Words& table_;
    Slot ring_[2 * distance];
};
