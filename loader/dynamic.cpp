// Decoding PT_DYNAMIC — technical note.
//
// Tags are gathered once into a tag-indexed array; everything derived from
// them is checked before the object is used: each address must lie inside one
// PT_LOAD (Object::at), each table size must be a whole number of entries,
// string offsets must fall inside DT_STRSZ and the table must end in NUL.
//
// ELF does not record how many dynamic symbols there are, and GNU hash does
// not cover undefined ones. So nsyms is how many entries fit between
// DT_SYMTAB and the end of its segment: any index below it is safe to read.
// The hash tables are checked against it: a GNU hash chain walk stops at
// gnu_end, where either the chain array or the readable symbols end, and a
// SysV chain index is kept below both nchain and nsyms.
#include "dynamic.hpp"
#include "diag.hpp"

using namespace elf;

uptr Object::room(uptr vaddr, u32 flags) const {
    for (unsigned i = 0; i < phnum; ++i) {
        const Phdr& ph = phdr[i];
        // One unsigned comparison: below p_vaddr wraps past any p_memsz,
        // since image.cpp checked that no segment ends near the top.
        uptr into = vaddr - (uptr)ph.p_vaddr;
        if (ph.p_type == PT_LOAD && (ph.p_flags & flags) && into < ph.p_memsz) return (uptr)ph.p_memsz - into;
    }
    return 0;
}

void* Object::at(uptr vaddr, uptr size) const {
    uptr r = room(vaddr);
    return r && size <= r ? (void*)(bias + vaddr) : nullptr;
}

bool Object::writable(uptr addr, uptr size) const {
    uptr r = room(addr - bias, PF_W);
    return r && size <= r;
}

uptr Object::code(uptr addr, const char* what) const {
    if (!room(addr - bias, PF_X)) diag::about(path).str(what).str(" outside the code").die();
    return addr;
}

void fail_dynamic(const Object& obj, const char* what) { diag::bad(obj.path, what); }

namespace {

// The tags above DT_NUM that miniload reads get slots after the others:
// DT_GNU_HASH one, and the sixteen tags from DT_VERSYM to DT_VERNEEDNUM,
// which hold the other six, one each (a range costs less code than a list).
constexpr unsigned os_tags = 17;
enum : unsigned {
    GnuHash = DT_NUM,
    Versym,
    Flags1 = Versym + (DT_FLAGS_1 - DT_VERSYM),
    VerdefTag = Versym + (DT_VERDEF - DT_VERSYM),
    VerdefNum = Versym + (DT_VERDEFNUM - DT_VERSYM),
    VerneedTag = Versym + (DT_VERNEED - DT_VERSYM),
    VerneedNum = Versym + (DT_VERNEEDNUM - DT_VERSYM),
};

struct Tags {
    uptr val[DT_NUM + os_tags] = {};
    bool present[DT_NUM + os_tags] = {};  // bytes, not a 64-bit mask: cheap on 32-bit machines
    bool has(unsigned t) const { return present[t]; }
};

// Inlined at every check: then the compiler sees that what follows runs
// only when `ok` held, and branches to the shared failure instead of
// making a bool and a call of every check: about 8% of this file.
__attribute__((always_inline)) inline void need(const Object& obj, bool ok, const char* what) {
    if (!ok) fail_dynamic(obj, what);
}

// A pointer to `size` bytes at `vaddr`, aligned to `align`, or the error
// `what`; `room`, when given, gets the bytes readable from there.
__attribute__((noinline)) const void* need_at(const Object& obj, uptr vaddr, uptr size, uptr align, const char* what,
                                              uptr* room = nullptr) {
    uptr r = obj.room(vaddr);
    const void* p = (void*)(obj.bias + vaddr);
    need(obj, r && size <= r && (uptr)p % align == 0, what);
    if (room) *room = r;
    return p;
}

// The tables of words decode_dynamic reads, each where a DT tag says, as
// many bytes as another says, in entries of `words` words (0: as DT_PLTREL
// says), checked against an entry-size tag when there is one. Offsets, of
// the field and of the name, keep the table small and free of relocations.
struct TableTag {
    u16 field;
    u8 addr, size, ent, words, name;
};
alignas(1) constexpr char table_names[] = "DT_REL\0DT_RELA\0DT_JMPREL\0DT_RELR\0DT_INIT_ARRAY\0DT_FINI_ARRAY\0DT_PREINIT_ARRAY";
alignas(2) constexpr TableTag table_tags[] = {  // alignas: as errno_texts (diag.cpp)
    {__builtin_offsetof(Object, rel), DT_REL, DT_RELSZ, DT_RELENT, 2, 0},
    {__builtin_offsetof(Object, rela), DT_RELA, DT_RELASZ, DT_RELAENT, 3, 7},
    {__builtin_offsetof(Object, jmprel), DT_JMPREL, DT_PLTRELSZ, DT_NULL, 0, 15},
    {__builtin_offsetof(Object, relr), DT_RELR, DT_RELRSZ, DT_RELRENT, 1, 25},
    {__builtin_offsetof(Object, init_array), DT_INIT_ARRAY, DT_INIT_ARRAYSZ, DT_NULL, 1, 33},
    {__builtin_offsetof(Object, fini_array), DT_FINI_ARRAY, DT_FINI_ARRAYSZ, DT_NULL, 1, 47},
    {__builtin_offsetof(Object, preinit_array), DT_PREINIT_ARRAY, DT_PREINIT_ARRAYSZ, DT_NULL, 1, 61},
};

const char* dyn_string(const Object& obj, const Tags& t, unsigned tag) {
    if (!t.has(tag)) return nullptr;
    const char* s = obj.string(t.val[tag]);
    need(obj, s, "dynamic string offset");
    return s;
}

void decode_gnu_hash(Object& obj, uptr vaddr) {
    constexpr const char* bad = "DT_GNU_HASH";
    uptr room;
    const u32* h = (const u32*)need_at(obj, vaddr, 16, sizeof(Addr), bad, &room);
    u32 nbuckets = h[0], symoffset = h[1], bloom_words = h[2], shift = h[3];
    // The shift applies to a 32-bit hash, whatever the word size.
    need(obj, nbuckets && bloom_words && !(bloom_words & (bloom_words - 1)) && shift < 32, bad);
    u64 head = 16 + (u64)bloom_words * sizeof(Addr) + (u64)nbuckets * 4;
    need(obj, head <= room, bad);
    obj.gnu_bloom = (const Addr*)(h + 4);
    obj.gnu_buckets = (const u32*)(obj.gnu_bloom + bloom_words);
    obj.gnu_chain = obj.gnu_buckets + nbuckets;
    obj.gnu_nbuckets = nbuckets;
    obj.gnu_symoffset = symoffset;
    obj.gnu_bloom_mask = bloom_words - 1;
    obj.gnu_shift = shift;

    // Chains may run to the end of the segment; decode_dynamic clamps this to
    // the symbols that are readable, so no walk can leave the image.
    uptr chain_room = (room - (uptr)head) / 4;
    obj.gnu_end = chain_room > 0xffffffffu - symoffset ? 0xffffffffu : symoffset + (u32)chain_room;
}

void decode_sysv_hash(Object& obj, uptr vaddr) {
    constexpr const char* bad = "DT_HASH";
    uptr room;
    const u32* h = (const u32*)need_at(obj, vaddr, 8, 4, bad, &room);
    need(obj, h[0] && 8 + ((u64)h[0] + h[1]) * 4 <= room, bad);
    obj.sysv_nbuckets = h[0];
    obj.sysv_buckets = h + 2;
    obj.sysv_chain = h + 2 + h[0];
    obj.sysv_nchain = h[1];
}

constexpr const char* bad_versions = "symbol versions";

// The version entry at `index`, named by string `name`, noting the highest
// index used.
__attribute__((noinline)) Version& record(const Object& obj, Version* v, u32& top, u32 index, u32 name, u32 hash) {
    index &= VERSYM_VERSION;
    const char* s = obj.string(name);
    need(obj, s && index < max_versions, bad_versions);
    if (index >= top) top = index + 1;
    v[index].name = s;
    v[index].hash = hash;
    return v[index];
}

// Steps left to the walks of decode_versions: a file has fewer version
// entries than version indices, so more can only be lists that loop (offsets
// wrap around on 32-bit machines) or that share their entries.
u32 version_steps;

// A version structure of `size` bytes at vaddr, or the error; one step.
const void* version_entry(const Object& obj, uptr vaddr, usize size) {
    const void* p = obj.at(vaddr, size);
    need(obj, p && !(vaddr & 3) && --version_steps, bad_versions);  // the bias is page-aligned
    return p;
}

// Fills obj.versions[index] from DT_VERDEF and DT_VERNEED. Both are linked
// lists of offsets inside the image; every step is bounds-checked and the
// walks are bounded by the declared counts and by version_steps.
void decode_versions(Object& obj, const Tags& t, Arena& arena) {
    if (!t.has(Versym)) return;
    uptr room;
    obj.versym = (const u16*)need_at(obj, t.val[Versym], 0, 2, bad_versions, &room);
    // DT_VERSYM parallels the symbol table; keep indices readable in both.
    uptr fit = room / 2;
    if (fit < obj.nsyms) obj.nsyms = (u32)fit;
    Version* v = arena.make<Version>(max_versions);
    u32 top = 0;
    version_steps = 4 * max_versions;
    uptr at = t.val[VerdefTag];
    for (uptr n = t.has(VerdefTag) ? t.val[VerdefNum] : 0; n; --n) {
        auto d = (const Verdef*)version_entry(obj, at, sizeof(Verdef));
        auto a = (const Verdaux*)version_entry(obj, at + d->vd_aux, sizeof(Verdaux));
        if (!(d->vd_flags & VER_FLG_BASE)) record(obj, v, top, d->vd_ndx, a->vda_name, d->vd_hash).defined = true;
        at += d->vd_next;
        if (!d->vd_next) break;
    }
    at = t.val[VerneedTag];
    for (uptr n = t.has(VerneedTag) ? t.val[VerneedNum] : 0; n; --n) {
        auto e = (const Verneed*)version_entry(obj, at, sizeof(Verneed));
        uptr aux = at + e->vn_aux;
        for (u32 k = e->vn_cnt; k; --k) {
            auto a = (const Vernaux*)version_entry(obj, aux, sizeof(Vernaux));
            Version& r = record(obj, v, top, a->vna_other, a->vna_name, a->vna_hash);
            r.file = obj.string(e->vn_file);
            r.weak = a->vna_flags & VER_FLG_WEAK;
            aux += a->vna_next;
            if (!a->vna_next) break;
        }
        at += e->vn_next;
        if (!e->vn_next) break;
    }
    obj.versions = v;
    obj.nversions = top;
}

}  // namespace

// A bloom filter of one word with every bit set: the scope's search asks
// every object's filter first, and one without GNU hash must pass.
constexpr Addr pass_all = ~(Addr)0;

void decode_dynamic(Object& obj, Arena& arena) {
    obj.gnu_bloom = &pass_all;  // mask and shift 0; decode_gnu_hash replaces it
    if (!obj.dynamic) return;
    usize n = obj.dynamic->p_memsz / sizeof(Dyn);
    obj.dyn = (const Dyn*)need_at(obj, obj.dynamic->p_vaddr, n * sizeof(Dyn), alignof(Dyn),
                                  "PT_DYNAMIC");
    Tags t;
    usize count = 0;
    for (; count < n && obj.dyn[count].d_tag != DT_NULL; ++count) {
        const Dyn& d = obj.dyn[count];
        // Negative tags wrap to large ones; the range is one comparison.
        uptr tag = (uptr)d.d_tag, from_versym = tag - DT_VERSYM;
        unsigned slot = tag < DT_NUM ? (unsigned)tag
                        : from_versym <= DT_VERNEEDNUM - DT_VERSYM ? Versym + (unsigned)from_versym
                        : tag == DT_GNU_HASH ? GnuHash : ~0u;
        if (slot == ~0u) continue;
        t.val[slot] = (uptr)d.d_val;
        t.present[slot] = true;
    }
    obj.ndyn = count;
    obj.needs_libraries = t.has(DT_NEEDED);

    if (t.has(DT_STRTAB)) {
        obj.strsz = t.val[DT_STRSZ];
        obj.strtab = (const char*)obj.at(t.val[DT_STRTAB], obj.strsz);
        need(obj, obj.strtab && obj.strsz && obj.strtab[obj.strsz - 1] == 0, "DT_STRTAB");
    }
    if (t.has(GnuHash)) decode_gnu_hash(obj, t.val[GnuHash]);
    if (t.has(DT_HASH)) decode_sysv_hash(obj, t.val[DT_HASH]);
    if (t.has(DT_SYMTAB)) {
        uptr room;
        obj.symtab = (const Sym*)need_at(obj, t.val[DT_SYMTAB], 0, alignof(Sym), "DT_SYMTAB", &room);
        need(obj, obj.strtab && !(t.has(DT_SYMENT) && t.val[DT_SYMENT] != sizeof(Sym)), "DT_SYMTAB");
        uptr fit = room / sizeof(Sym);
        obj.nsyms = fit > 0xffffffffu ? 0xffffffffu : (u32)fit;
    }
    // Without DT_SYMTAB nsyms stays 0, which empties every hash walk: the
    // GNU one through gnu_end, clamped to it below, the SysV one by itself.

    bool plt_rela = t.val[DT_PLTREL] == DT_RELA;
    if (t.has(DT_JMPREL)) need(obj, plt_rela || t.val[DT_PLTREL] == DT_REL, "DT_PLTREL");
    for (const TableTag& tag : table_tags) {
        if (!t.has(tag.addr)) continue;
        const char* what = table_names + tag.name;
        unsigned words = tag.words ? tag.words : plt_rela ? 3 : 2;
        usize entsize = words * sizeof(Addr), size = t.val[tag.size];
        // DT_NULL never has a slot set: no entry-size tag to check.
        need(obj, !(t.has(tag.ent) && t.val[tag.ent] != entsize) && size % entsize == 0, what);
        *(Words*)((char*)&obj + tag.field) = {(const Addr*)need_at(obj, t.val[tag.addr], size, sizeof(Addr), what), size / entsize,
                          (unsigned char)words};
    }
    // Some targets' GNU ld (RISC-V; not x86 or Arm) counts the PLT relocations
    // in DT_RELASZ too, as its last entries: drop that tail, so that each PLT
    // entry is applied once, by the PLT pass, and may stay lazy.
    Words& all = obj.jmprel.rela() ? obj.rela : obj.rel;
    const Addr* plt_end = obj.jmprel.begin + obj.jmprel.count * obj.jmprel.step();
    if (obj.jmprel.count && obj.jmprel.count <= all.count && all.begin + all.count * all.step() == plt_end)
        all.count -= obj.jmprel.count;
    obj.init = t.val[DT_INIT];
    obj.fini = t.val[DT_FINI];
    if (t.has(DT_PLTGOT)) obj.pltgot = (Addr*)need_at(obj, t.val[DT_PLTGOT], 3 * sizeof(Addr), sizeof(Addr), "DT_PLTGOT");
    obj.flags = t.val[DT_FLAGS];
    // soname, rpath and runpath follow each other in Object, as their tags do here.
    static_assert(__builtin_offsetof(Object, runpath) - __builtin_offsetof(Object, soname) == 2 * sizeof(char*));
    constexpr u8 name_tags[] = {DT_SONAME, DT_RPATH, DT_RUNPATH};
    const char** names = &obj.soname;
    for (u8 tag : name_tags) *names++ = dyn_string(obj, t, tag);
    if (t.has(DT_SYMBOLIC)) obj.flags |= DF_SYMBOLIC;
    if (t.has(DT_BIND_NOW) || t.val[Flags1] & DF_1_NOW) obj.flags |= DF_BIND_NOW;
    if (t.has(DT_TEXTREL)) obj.flags |= DF_TEXTREL;
    decode_versions(obj, t, arena);
    if (obj.gnu_end > obj.nsyms) obj.gnu_end = obj.nsyms;
}
