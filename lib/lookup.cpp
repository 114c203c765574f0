// get()'s lookup (miniload_symbol): the walk find_in (symbols.cpp) makes
// through a GNU hash table, specialised for a name looked up by the host:
// only definitions, no version asked for. What is left is the hash of the
// name, the bloom filter, a bucket, the chain and one compare of the name,
// plus checks that keep every index inside the table, as find_in's do. The
// bucket is the hash modulo the bucket count, computed with a multiplication
// by a constant prepared at load instead of a division, which would cost as
// much as the rest; the name's length, known from hashing it, lets the
// compare go a word at a time where the CPU allows. A name made beforehand
// (miniload_make_name, miniload::Name, hashed at compile time when
// constant) skips the hash, a chain of dependent steps as long as the name,
// which is a third of the rest. Libraries with only a SysV hash table go
// through find_in.
#include "library.hpp"
#include "symbols.hpp"

using namespace elf;

namespace {

constexpr unsigned word_bits = 8 * sizeof(Addr);

#ifdef __SIZEOF_INT128__
// Lemire, Kaser and Kurz, "Faster remainder by direct computation" (2019):
// with magic = 2^64 / d rounded up, a % d is the high word of the low 64
// bits of magic * a, times d, for every 32-bit a and d.
u32 bucket_of(u32 h, u64 magic, u32 d) { return (u32)(((unsigned __int128)(magic * h) * d) >> 64); }
u64 magic_for(u32 d) { return ~(u64)0 / d + 1; }
#else
u32 bucket_of(u32 h, u64, u32 d) { return h % d; }
u64 magic_for(u32) { return 0; }
#endif

// Symbol i defines `name`, whose length is `len`.
bool defined_match(const Object& o, u32 i, const char* name, usize len) {
    const Sym& s = o.symtab[i];
    if (s.st_shndx == SHN_UNDEF) return false;
    unsigned type = st_type(s.st_info), bind = st_bind(s.st_info);
    if (type > STT_FUNC && type != STT_COMMON && type != STT_TLS && type != STT_GNU_IFUNC) return false;
    if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE) return false;
    // The terminating NUL is compared too; both strings have len + 1 bytes to read.
    if (s.st_name >= o.strsz || o.strsz - s.st_name <= len || !same_bytes(o.strtab + s.st_name, name, len + 1))
        return false;
    // As find_in: a version marked hidden (foo@V1 beside foo@@V2) is not the default.
    return !(o.versym && (o.versym[i] & VERSYM_HIDDEN));
}

}  // namespace

void prepare_lookup(miniload_library& lib) {
    if (lib.obj->gnu_buckets) lib.bucket_magic = magic_for(lib.obj->gnu_nbuckets);
}

namespace {

miniload_name name_of(const char* text) {
    u32 h = 5381;
    const u8* p = (const u8*)text;
    for (; *p; ++p) h = h * 33 + *p;
    return {text, (usize)(p - (const u8*)text), h};
}

const Sym* find_defined(const miniload_library& lib, const miniload_name& n) {
    const Object& o = *lib.obj;
    const char* name = n.text;
    u32 h = n.hash;
    if (!o.gnu_buckets) {
        SymbolRef ref{name, n.length, h, true, nullptr};
        return find_in(o, ref);
    }
    Addr word = o.gnu_bloom[(h / word_bits) & o.gnu_bloom_mask];
    Addr bits = (Addr)1 << (h % word_bits) | (Addr)1 << ((h >> o.gnu_shift) % word_bits);
    if ((word & bits) != bits) return nullptr;
    u32 i = o.gnu_buckets[bucket_of(h, lib.bucket_magic, o.gnu_nbuckets)];
    if (i < o.gnu_symoffset) return nullptr;
    for (; i < o.gnu_end; ++i) {
        u32 c = o.gnu_chain[i - o.gnu_symoffset];
        if ((c | 1) == (h | 1) && defined_match(o, i, name, n.length)) return &o.symtab[i];
        if (c & 1) break;
    }
    return nullptr;
}

int symbol(const miniload_library* lib, const miniload_name& name, void** address) {
    const Object& o = *lib->obj;
    const Sym* s = find_defined(*lib, name);
    if (!s) return -1;
    unsigned type = st_type(s->st_info);
    // A thread-local variable: the calling thread's copy, as dlsym gives.
    if (type == STT_TLS) {
        if (!lib->tls) return -1;
        *address = tls_address(*lib->tls, (uptr)s->st_value);
        return 0;
    }
    uptr a = s->st_shndx == SHN_ABS ? (uptr)s->st_value : o.bias + (uptr)s->st_value;
    if (type == STT_GNU_IFUNC) a = arch::call_ifunc(a, lib_process().aux);
    *address = (void*)a;
    return 0;
}

}  // namespace

extern "C" {

int miniload_symbol(const miniload_library* lib, const char* name, void** address) {
    return symbol(lib, name_of(name), address);
}

miniload_name miniload_make_name(const char* text) { return name_of(text); }

int miniload_symbol_named(const miniload_library* lib, const miniload_name* name, void** address) {
    return symbol(lib, *name, address);
}

}  // extern "C"
