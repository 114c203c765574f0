// Symbol lookup — technical note.
//
// GNU hash: a bloom filter of two bits per symbol rejects most objects with
// one word read; then the bucket gives the first symbol with that hash
// modulo nbuckets, and the chain holds each symbol's hash with the low bit
// marking the end of the bucket. Every index is kept below nsyms, which
// dynamic.cpp checked the symbol table holds, so a hostile chain cannot run
// away or loop. SysV hash chains can loop, so their walk is also bounded by
// the number of symbols.
//
// Versions: a reference carrying a version (from the requester's VERNEED)
// matches a definition of that version, or an unversioned one; an
// unversioned reference matches any definition not marked hidden (the
// default version foo@@V2, never foo@V1).
#include "symbols.hpp"
#include "diag.hpp"
#include "linkmap.hpp"

using namespace elf;

// Not inlined: in the relocation loop the hash would live in memory.
__attribute__((noinline)) u32 gnu_hash(const char* name, usize& len) {
    u32 h = 5381;
    const u8* p = (const u8*)name;
    for (; *p; ++p) h = h * 33 + *p;
    len = (usize)(p - (const u8*)name);
    return h;
}

u32 sysv_hash(const char* name) {
    u32 h = 0;
    for (const u8* p = (const u8*)name; *p; ++p) {
        h = (h << 4) + *p;
        u32 g = h & 0xf0000000;
        h ^= g >> 24;
        h &= ~g;
    }
    return h;
}

SymbolRef make_ref(const Object& obj, u32 index, bool for_plt, const RefHint* hint) {
    if (index >= obj.nsyms) diag::fail(obj.path, "symbol index out of range");
    const char* name = obj.string(obj.symtab[index].st_name);
    if (!name) diag::bad(obj.path, "symbol name offset");
    const Version* version = nullptr;
    if (obj.versym) {
        u32 v = obj.versym[index] & VERSYM_VERSION;
        if (v >= 2 && v < obj.nversions && obj.versions[v].name) version = &obj.versions[v];
    }
    usize len;
    u32 h = hint && hint->symbol == index ? (len = hint->len, hint->hash) : gnu_hash(name, len);
    return {name, len, h, for_plt, version};
}

namespace {

bool version_matches(const Object& obj, u32 index, const SymbolRef& ref) {
    if (!obj.versym) return true;
    u16 v = obj.versym[index];
    if (!ref.version) return !(v & VERSYM_HIDDEN);
    u32 i = v & VERSYM_VERSION;
    if (i < 2) return !(v & VERSYM_HIDDEN);  // unversioned definition
    if (i >= obj.nversions || !obj.versions[i].name) return false;
    const Version& have = obj.versions[i];
    return have.hash == ref.version->hash && str_eq(have.name, ref.version->name);
}

// The symbol types and bindings a definition may have, as sets of bits.
constexpr u32 bit(unsigned n) { return 1u << n; }
constexpr u32 defining_types =
    bit(STT_NOTYPE) | bit(STT_OBJECT) | bit(STT_FUNC) | bit(STT_COMMON) | bit(STT_TLS) | bit(STT_GNU_IFUNC);
constexpr u32 defining_binds = bit(STB_GLOBAL) | bit(STB_WEAK) | bit(STB_GNU_UNIQUE);

bool matches(const Object& obj, u32 index, const SymbolRef& ref) {
    const Sym& s = obj.symtab[index];
    if (s.st_shndx == SHN_UNDEF && (s.st_value == 0 || ref.for_plt)) return false;
    // Both fields are 4 bits wide.
    if (!(defining_types >> st_type(s.st_info) & 1) || !(defining_binds >> st_bind(s.st_info) & 1)) return false;
    // The name must have the reference's length, NUL included, inside
    // DT_STRSZ; then only its bytes are compared, a word at a time where
    // the CPU reads unaligned words cheaply.
    uptr at = s.st_name, n = ref.len;
    if (at >= obj.strsz || obj.strsz - at <= n || obj.strtab[at + n]) return false;
    return same_bytes(obj.strtab + at, ref.name, n) && version_matches(obj, index, ref);
}


}  // namespace

const Sym* find_in(const Object& obj, const SymbolRef& ref) {
    if (obj.gnu_buckets) {
        u32 h = ref.gnu_hash;
        if (bloom_rejects(obj, h)) return nullptr;
        u32 i = obj.gnu_buckets[h % obj.gnu_nbuckets];
        if (i < obj.gnu_symoffset) return nullptr;
        for (; i < obj.gnu_end; ++i) {
            u32 c = obj.gnu_chain[i - obj.gnu_symoffset];
            if ((c | 1) == (h | 1) && matches(obj, i, ref)) return &obj.symtab[i];
            if (c & 1) break;
        }
        return nullptr;
    }
    if (obj.sysv_buckets) {
        u32 limit = obj.nsyms < obj.sysv_nchain ? obj.nsyms : obj.sysv_nchain;
        u32 i = obj.sysv_buckets[sysv_hash(ref.name) % obj.sysv_nbuckets];
        for (u32 steps = 0; i && i < limit && steps < limit; i = obj.sysv_chain[i], ++steps)
            if (matches(obj, i, ref)) return &obj.symtab[i];
    }
    return nullptr;
}

void check_versions(const Linker& l) {
    for (u32 k = 0; k < l.count; ++k) {
        const Object& obj = *l.objs[k];
        for (u32 i = 0; i < obj.nversions; ++i) {
            const Version& v = obj.versions[i];
            if (!v.file || v.weak) continue;  // only DT_VERNEED entries name a file
            for (u32 d = 0; d < obj.ndeps; ++d) {
                const Object& dep = *obj.deps[d];
                if (!dep.soname || !str_eq(dep.soname, v.file)) continue;
                bool defines_any = false, found = false;
                for (u32 j = 0; j < dep.nversions; ++j) {
                    const Version& w = dep.versions[j];
                    defines_any |= w.defined;
                    found |= w.defined && w.hash == v.hash && str_eq(w.name, v.name);
                }
                if (defines_any && !found)
                    diag::about(obj.path).str(v.file).str(": version ").str(v.name).str(" not found").die();
            }
        }
    }
}
