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
// The hash tables are checked against it: GNU hash chains end at gnu_end,
// one past the last chain entry reachable from the highest bucket, and a
// SysV chain index is kept below both nchain and nsyms.
#include "dynamic.hpp"
#include "diag.hpp"

using namespace elf;

void* Object::at(uptr vaddr, uptr size) const {
    for (unsigned i = 0; i < phnum; ++i) {
        const Phdr& ph = phdr[i];
        if (ph.p_type == PT_LOAD && vaddr >= ph.p_vaddr && vaddr - ph.p_vaddr <= ph.p_memsz &&
            size <= ph.p_memsz - (vaddr - ph.p_vaddr))
            return (void*)(bias + vaddr);
    }
    return nullptr;
}

bool Object::writable(uptr addr, uptr size) const {
    for (unsigned i = 0; i < phnum; ++i) {
        const Phdr& ph = phdr[i];
        if ((ph.p_type == PT_LOAD && (ph.p_flags & PF_W)) || ph.p_type == PT_GNU_RELRO) {
            uptr start = bias + ph.p_vaddr;
            if (addr >= start && addr - start <= ph.p_memsz && size <= ph.p_memsz - (addr - start))
                return true;
        }
    }
    return false;
}

void fail_dynamic(const Object& obj, const char* what) { diag::fail(obj.path, what); }

namespace {

constexpr unsigned os_tags = 7;
enum : unsigned { GnuHash = DT_NUM, Versym, VerdefTag, VerdefNum, VerneedTag, VerneedNum, Flags1 };

struct Tags {
    uptr val[DT_NUM + os_tags] = {};
    u64 have = 0;
    bool has(unsigned t) const { return have >> t & 1; }
};

template <class T>
Table<T> table(const Object& obj, const Tags& t, unsigned addr_tag, unsigned size_tag, unsigned ent_tag,
               const char* what) {
    Table<T> tab;
    if (!t.has(addr_tag)) return tab;
    uptr size = t.val[size_tag];
    if ((ent_tag && t.has(ent_tag) && t.val[ent_tag] != sizeof(T)) || size % sizeof(T))
        fail_dynamic(obj, what);
    tab.begin = (const T*)obj.at(t.val[addr_tag], size);
    if (!tab.begin || (uptr)tab.begin % alignof(T)) fail_dynamic(obj, what);
    tab.count = size / sizeof(T);
    return tab;
}

// Some targets' GNU ld (RISC-V; not x86 or Arm) counts the PLT relocations
// in DT_RELASZ too, as its last entries: drop that tail, so that each PLT
// entry is applied once, by the PLT pass, and may stay lazy.
template <class T> void drop_plt_tail(Table<T>& all, const Table<T>& plt) {
    if (plt.count && plt.count <= all.count && plt.end() == all.end()) all.count -= plt.count;
}

const char* dyn_string(const Object& obj, const Tags& t, unsigned tag) {
    if (!t.has(tag)) return nullptr;
    const char* s = obj.string(t.val[tag]);
    if (!s) fail_dynamic(obj, "dynamic entry points outside the string table");
    return s;
}

// Bytes from vaddr to the end of the PT_LOAD holding it.
uptr segment_room(const Object& obj, uptr vaddr) {
    for (unsigned i = 0; i < obj.phnum; ++i) {
        const Phdr& ph = obj.phdr[i];
        if (ph.p_type == PT_LOAD && vaddr >= ph.p_vaddr && vaddr - ph.p_vaddr <= ph.p_memsz)
            return (uptr)(ph.p_memsz - (vaddr - ph.p_vaddr));
    }
    return 0;
}

void decode_gnu_hash(Object& obj, uptr vaddr) {
    const u32* h = (const u32*)obj.at(vaddr, 16);
    if (!h || (uptr)h % sizeof(Addr)) fail_dynamic(obj, "bad DT_GNU_HASH table");
    u32 nbuckets = h[0], symoffset = h[1], bloom_words = h[2], shift = h[3];
    if (!nbuckets || !bloom_words || bloom_words & (bloom_words - 1) || shift >= 8 * sizeof(Addr))
        fail_dynamic(obj, "bad DT_GNU_HASH header");
    u64 head = 16 + (u64)bloom_words * sizeof(Addr) + (u64)nbuckets * 4;
    if (head > ~(uptr)0 || !obj.at(vaddr, (uptr)head)) fail_dynamic(obj, "DT_GNU_HASH lies outside the image");
    obj.gnu_bloom = (const Addr*)(h + 4);
    obj.gnu_buckets = (const u32*)(obj.gnu_bloom + bloom_words);
    obj.gnu_chain = obj.gnu_buckets + nbuckets;
    obj.gnu_nbuckets = nbuckets;
    obj.gnu_symoffset = symoffset;
    obj.gnu_bloom_mask = bloom_words - 1;
    obj.gnu_shift = shift;

    u32 last = 0;
    for (u32 b = 0; b < nbuckets; ++b)
        if (obj.gnu_buckets[b] > last) last = obj.gnu_buckets[b];
    if (last == 0) return;  // nothing hashed: gnu_end stays 0
    if (last < symoffset) fail_dynamic(obj, "DT_GNU_HASH bucket below its symbol offset");
    // Walk the last chain to its end marker, checking each word is in the image.
    uptr chain_vaddr = vaddr + (uptr)head;
    for (;; ++last) {
        uptr word = chain_vaddr + (uptr)(last - symoffset) * 4;
        if (last == ~0u || !obj.at(word, 4)) fail_dynamic(obj, "DT_GNU_HASH chain runs out of the image");
        if (obj.gnu_chain[last - symoffset] & 1) break;
    }
    obj.gnu_end = last + 1;
}

void decode_sysv_hash(Object& obj, uptr vaddr) {
    const u32* h = (const u32*)obj.at(vaddr, 8);
    if (!h || (uptr)h % 4) fail_dynamic(obj, "bad DT_HASH table");
    u64 size = 8 + ((u64)h[0] + h[1]) * 4;
    if (!h[0] || size > ~(uptr)0 || !obj.at(vaddr, (uptr)size)) fail_dynamic(obj, "DT_HASH lies outside the image");
    obj.sysv_nbuckets = h[0];
    obj.sysv_buckets = h + 2;
    obj.sysv_chain = h + 2 + h[0];
    obj.sysv_nchain = h[1];
}

// Fills obj.versions[index] from DT_VERDEF and DT_VERNEED. Both are linked
// lists of offsets inside the image; every step is bounds-checked and the
// walk is bounded by the declared count.
void decode_versions(Object& obj, const Tags& t, Arena& arena) {
    if (!t.has(Versym)) return;
    obj.versym = (const u16*)obj.at(t.val[Versym], 0);
    if (!obj.versym || (uptr)obj.versym % 2) fail_dynamic(obj, "DT_VERSYM lies outside the image");
    // DT_VERSYM parallels the symbol table; keep indices readable in both.
    uptr fit = segment_room(obj, t.val[Versym]) / 2;
    if (fit < obj.nsyms) obj.nsyms = (u32)fit;
    if (obj.gnu_end > obj.nsyms) fail_dynamic(obj, "DT_VERSYM is shorter than the hashed symbols");
    Version* v = arena.make<Version>(max_versions);
    u32 top = 0;
    auto record = [&](u32 index, u32 name_off, u32 hash, bool defined) -> Version& {
        const char* name = obj.string(name_off);
        if (!name || index >= max_versions) fail_dynamic(obj, "bad symbol version entry");
        v[index] = {name, hash, defined, false, nullptr};
        if (index >= top) top = index + 1;
        return v[index];
    };
    uptr at = t.val[VerdefTag];
    for (uptr n = t.has(VerdefTag) ? t.val[VerdefNum] : 0; n; --n) {
        const Verdef* d = (const Verdef*)obj.at(at, sizeof(Verdef));
        if (!d || (uptr)d % 4) fail_dynamic(obj, "DT_VERDEF lies outside the image");
        const Verdaux* a = (const Verdaux*)obj.at(at + d->vd_aux, sizeof(Verdaux));
        if (!a || d->vd_aux % 4) fail_dynamic(obj, "DT_VERDEF lies outside the image");
        if (!(d->vd_flags & VER_FLG_BASE)) record(d->vd_ndx & VERSYM_VERSION, a->vda_name, d->vd_hash, true);
        if (!d->vd_next) break;
        at += d->vd_next;
    }
    at = t.val[VerneedTag];
    for (uptr n = t.has(VerneedTag) ? t.val[VerneedNum] : 0; n; --n) {
        const Verneed* need = (const Verneed*)obj.at(at, sizeof(Verneed));
        if (!need || (uptr)need % 4) fail_dynamic(obj, "DT_VERNEED lies outside the image");
        uptr aux = at + need->vn_aux;
        for (u32 k = need->vn_cnt; k; --k) {
            const Vernaux* a = (const Vernaux*)obj.at(aux, sizeof(Vernaux));
            if (!a || aux % 4) fail_dynamic(obj, "DT_VERNEED lies outside the image");
            Version& r = record(a->vna_other & VERSYM_VERSION, a->vna_name, a->vna_hash, false);
            r.file = obj.string(need->vn_file);
            r.weak = a->vna_flags & VER_FLG_WEAK;
            if (!a->vna_next) break;
            aux += a->vna_next;
        }
        if (!need->vn_next) break;
        at += need->vn_next;
    }
    obj.versions = v;
    obj.nversions = top;
}

}  // namespace

void decode_dynamic(Object& obj, Arena& arena) {
    if (!obj.dynamic) return;
    usize n = obj.dynamic->p_memsz / sizeof(Dyn);
    obj.dyn = (const Dyn*)obj.at(obj.dynamic->p_vaddr, n * sizeof(Dyn));
    if (!obj.dyn || (uptr)obj.dyn % alignof(Dyn)) fail_dynamic(obj, "PT_DYNAMIC lies outside the loadable segments");

    Tags t;
    usize count = 0;
    for (; count < n && obj.dyn[count].d_tag != DT_NULL; ++count) {
        const Dyn& d = obj.dyn[count];
        unsigned slot;
        switch (d.d_tag) {
        case DT_GNU_HASH: slot = GnuHash; break;
        case DT_VERSYM: slot = Versym; break;
        case DT_VERDEF: slot = VerdefTag; break;
        case DT_VERDEFNUM: slot = VerdefNum; break;
        case DT_VERNEED: slot = VerneedTag; break;
        case DT_VERNEEDNUM: slot = VerneedNum; break;
        case DT_FLAGS_1: slot = Flags1; break;
        default: slot = d.d_tag >= 0 && d.d_tag < DT_NUM ? (unsigned)d.d_tag : ~0u;
        }
        if (slot == ~0u) continue;
        t.val[slot] = (uptr)d.d_val;
        t.have |= 1ull << slot;
    }
    obj.ndyn = count;

    if (t.has(DT_STRTAB)) {
        obj.strsz = t.val[DT_STRSZ];
        obj.strtab = (const char*)obj.at(t.val[DT_STRTAB], obj.strsz);
        if (!obj.strtab || !obj.strsz || obj.strtab[obj.strsz - 1] != 0)
            fail_dynamic(obj, "bad string table (DT_STRTAB/DT_STRSZ)");
    }
    if (t.has(GnuHash)) decode_gnu_hash(obj, t.val[GnuHash]);
    if (t.has(DT_HASH)) decode_sysv_hash(obj, t.val[DT_HASH]);
    if (t.has(DT_SYMTAB)) {
        if (t.has(DT_SYMENT) && t.val[DT_SYMENT] != sizeof(Sym)) fail_dynamic(obj, "bad DT_SYMENT");
        obj.symtab = (const Sym*)obj.at(t.val[DT_SYMTAB], 0);
        if (!obj.symtab || (uptr)obj.symtab % alignof(Sym) || !obj.strtab)
            fail_dynamic(obj, "bad symbol table (DT_SYMTAB)");
        uptr fit = segment_room(obj, t.val[DT_SYMTAB]) / sizeof(Sym);
        obj.nsyms = fit > 0xffffffffu ? 0xffffffffu : (u32)fit;
        if (obj.gnu_end > obj.nsyms) fail_dynamic(obj, "DT_GNU_HASH reaches past the symbol table");
    } else {
        obj.gnu_end = 0;
        obj.sysv_nbuckets = 0;
        obj.sysv_buckets = nullptr;
    }

    obj.rel = table<Rel>(obj, t, DT_REL, DT_RELSZ, DT_RELENT, "bad DT_REL table");
    obj.rela = table<Rela>(obj, t, DT_RELA, DT_RELASZ, DT_RELAENT, "bad DT_RELA table");
    obj.relr = table<Addr>(obj, t, DT_RELR, DT_RELRSZ, DT_RELRENT, "bad DT_RELR table");
    if (t.has(DT_JMPREL)) {
        if (t.val[DT_PLTREL] == DT_RELA)
            obj.jmprel_rela = table<Rela>(obj, t, DT_JMPREL, DT_PLTRELSZ, 0, "bad DT_JMPREL table");
        else if (t.val[DT_PLTREL] == DT_REL)
            obj.jmprel_rel = table<Rel>(obj, t, DT_JMPREL, DT_PLTRELSZ, 0, "bad DT_JMPREL table");
        else
            fail_dynamic(obj, "bad DT_PLTREL");
        drop_plt_tail(obj.rela, obj.jmprel_rela);
        drop_plt_tail(obj.rel, obj.jmprel_rel);
    }
    obj.init_array = table<Addr>(obj, t, DT_INIT_ARRAY, DT_INIT_ARRAYSZ, 0, "bad DT_INIT_ARRAY");
    obj.fini_array = table<Addr>(obj, t, DT_FINI_ARRAY, DT_FINI_ARRAYSZ, 0, "bad DT_FINI_ARRAY");
    obj.preinit_array = table<Addr>(obj, t, DT_PREINIT_ARRAY, DT_PREINIT_ARRAYSZ, 0, "bad DT_PREINIT_ARRAY");
    if (t.has(DT_INIT)) obj.init = t.val[DT_INIT];
    if (t.has(DT_FINI)) obj.fini = t.val[DT_FINI];
    if (t.has(DT_PLTGOT)) {
        obj.pltgot = (Addr*)obj.at(t.val[DT_PLTGOT], 3 * sizeof(Addr));
        if (!obj.pltgot || (uptr)obj.pltgot % sizeof(Addr)) fail_dynamic(obj, "bad DT_PLTGOT");
    }
    obj.flags = t.val[DT_FLAGS];
    obj.flags_1 = t.val[Flags1];
    obj.soname = dyn_string(obj, t, DT_SONAME);
    obj.rpath = dyn_string(obj, t, DT_RPATH);
    obj.runpath = dyn_string(obj, t, DT_RUNPATH);
    if (t.has(DT_SYMBOLIC)) obj.flags |= DF_SYMBOLIC;
    if (t.has(DT_BIND_NOW)) obj.flags |= DF_BIND_NOW;
    if (t.has(DT_TEXTREL)) obj.flags |= DF_TEXTREL;
    decode_versions(obj, t, arena);
}
