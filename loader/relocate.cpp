// Relocation — technical note.
//
// Tables and order. RELR (packed relative), then DT_REL/DT_RELA, then the PLT
// table DT_JMPREL. Each entry's machine type is turned into a generic kind by
// arch::classify(); only the kinds are applied here. RELA entries carry
// their addend; REL entries keep it in the place itself, except GLOB_DAT and
// JUMP_SLOT, which have none. A relocation may only write inside its own
// object's writable or RELRO segments.
//
// Ifuncs. IRELATIVE entries, and symbolic ones whose definition is an
// STT_GNU_IFUNC in an object not yet relocated (this one included), are
// skipped in the first pass and applied in a second one, so that resolvers
// run only once the code they live in is relocated. Objects are relocated
// dependencies first, so most ifuncs are ready by the time they are needed.
//
// Lazy binding. A JUMP_SLOT in a lazy object keeps pointing into its PLT,
// moved by the load bias; the PLT header reaches arch_lazy_entry through the
// GOT words arch::set_lazy_entry fills, which calls miniload_lazy_bind.
//
// Lookups. Consecutive relocations often name the same symbol; the last
// symbol index and its definition are cached for the whole object.
#include "relocate.hpp"
#include "diag.hpp"
#include "dynamic.hpp"
#include "lookahead.hpp"
#include "symbols.hpp"
#include "syscalls.hpp"
#include "tls.hpp"

using namespace elf;

namespace {

constexpr u32 max_reported_undefined = 16;

struct Pass {
    Pass(Linker& linker, Object& o, bool is_second, bool is_now = false)
        : l(linker), obj(o), second(is_second), now(is_now) {
        // Nearly every relocation lands in the first writable segment;
        // checking it first spares the walk over all program headers.
        for (unsigned i = 0; i < o.phnum && !w_len; ++i)
            if (o.phdr[i].p_type == PT_LOAD && (o.phdr[i].p_flags & PF_W))
                w_lo = o.bias + o.phdr[i].p_vaddr, w_len = o.phdr[i].p_memsz;
    }
    bool writable(uptr where, uptr size) const {
        return (where - w_lo < w_len && size <= w_len - (where - w_lo)) || obj.writable(where, size);
    }
    uptr w_lo = 0, w_len = 0;
    Linker& l;
    Object& obj;
    bool second;             // applying what the first pass deferred
    bool now;                // one lazy PLT call: bind it whatever it is, or die
    bool lazy_plt = false;   // walking a lazy object's JMPREL: JUMP_SLOTs stay lazy
    u32 deferred = 0;
    u32 cached_index = 0;    // symbol index of the cached definition (0: none)
    Definition cached;
    const RefHint* hint = nullptr;  // from the lookahead, for the entry being applied
};

[[noreturn]] void fail_reloc(const Object& obj, const char* what, unsigned type) {
    diag::about(obj.path).str(what).str(" ").dec(type).die();
}

// Reported, and counted so that start-up ends after the object; fatal at
// once for a lazy call, which cannot go on without a target. The lookup
// that found nothing checked the symbol's index and name (make_ref).
void report_undefined(Linker& l, const Object& obj, u32 index, bool fatal) {
    if (++l.undefined > max_reported_undefined && !fatal) return;
    diag::Line line = diag::about(obj.path);
    line.str("undefined symbol: ").str(obj.strtab + obj.symtab[index].st_name);
    if (fatal) line.die();
    line.emit();
}

// The definition of symbol `index`, for a reference from `obj`.
Definition resolve(Linker& l, Object& obj, u32 index, bool for_plt, const Object* skip,
                   const RefHint* hint = nullptr) {
    SymbolRef ref = make_ref(obj, index, for_plt, hint);
    const Sym& own = obj.symtab[index];
    // Local symbols, and protected or DT_SYMBOLIC definitions, bind to the object itself.
    if (st_bind(own.st_info) == STB_LOCAL ||
        (own.st_shndx != SHN_UNDEF && (st_visibility(own.st_other) == STV_PROTECTED || obj.flags & DF_SYMBOLIC)))
        if (!skip) return {&obj, &own, 0};
    Definition d = lookup(l.objs, l.count, ref, skip, hint && hint->symbol == index ? hint->first : 0);
    if (l.opt.debug && d.obj)  // what miniload supplies itself goes untraced
        diag::Line().str("miniload: binding ").str(obj.path).str(" ").str(ref.name).str(" to ")
            .str(d.obj->path).emit();
    return d;
}

bool is_ifunc(const Definition& d) {
    return d.sym && st_type(d.sym->st_info) == STT_GNU_IFUNC && d.sym->st_shndx != SHN_UNDEF;
}

// Calls the ifunc resolver at `resolver`, which must be code of `o`.
uptr call_ifunc(const Object& o, uptr resolver, const Linker& l) {
    return arch::call_ifunc(o.code(resolver, "ifunc resolver"), l.proc.aux);
}

// Whether the symbol is allowed to be missing: weak references resolve to 0.
bool weak(const Object& obj, u32 index) { return st_bind(obj.symtab[index].st_info) == STB_WEAK; }

// A place need not be aligned: a pointer in a packed structure is
// relocated too. Every machine miniload runs on stores words at any
// address; these types tell the compiler so.
typedef Addr Word __attribute__((aligned(1)));
typedef u32 Word32 __attribute__((aligned(1)));

// DT_TEXTREL alone is no reason to refuse: some linkers (RISC-V's GNU ld
// for a PIE with local-exec TLS) set it where no relocation touches the
// code. A relocation that does is refused when it comes.
[[noreturn]] void fail_place(const Object& obj) {
    diag::fail(obj.path, obj.flags & DF_TEXTREL ? "text relocations are not supported"
                                                : "relocation outside a writable segment");
}

// Adds the load bias to the word at `where`, checked before it is read: RELR
// entries, and lazy PLT slots that must keep pointing into the PLT.
void rebase_word(const Pass& p, uptr where) {
    if (!p.writable(where, sizeof(Addr))) fail_place(p.obj);
    *(Word*)where += (Addr)p.obj.bias;
}

// The TLS offset from the thread pointer of the block of `o`. The library
// build has no static block: there the word names the module, for its
// __tls_get_addr and descriptors (lib/tls.cpp), and offsets from the thread
// pointer cannot be had.
uptr tls_base(const Object& obj, const Object* o, [[maybe_unused]] Reloc kind) {
    if (!o || !o->tls) diag::fail(obj.path, "TLS relocation without PT_TLS");
#ifdef MINILOAD_LIBRARY
    if (kind == Reloc::TpOff || kind == Reloc::TpOffNeg)
        diag::fail(obj.path, "uses static TLS (initial-exec or local-exec), "
                             "which a library loaded into a host cannot have");
#endif
    return o->tls_offset;
}

bool is_tls(Reloc k) {
    return k == Reloc::TpOff || k == Reloc::TpOffNeg || k == Reloc::DtpMod || k == Reloc::TlsDesc ||
           k == Reloc::TlsDescArgFirst;
}
bool is_desc(Reloc k) { return k == Reloc::TlsDesc || k == Reloc::TlsDescArgFirst; }

// Entry `e` of a REL table, or of a RELA table when `has_addend`.
void apply(Pass& p, const Addr* e, bool has_addend) {
    Object& obj = p.obj;
    unsigned type = r_type(e[1]);
    u32 index = r_sym(e[1]);
    Reloc kind = arch::classify(type);
    if (kind == Reloc::None) return;
    if (kind == Reloc::Unknown) fail_reloc(obj, "unsupported relocation type", type);
    // A lazy JUMP_SLOT is only moved by the bias, to keep pointing into the
    // PLT: a RELATIVE relocation whose addend is in the place.
    if (kind == Reloc::JumpSlot && p.lazy_plt) kind = Reloc::Relative, has_addend = false;
    bool narrow = kind == Reloc::Abs32 || kind == Reloc::PcRel32;
    uptr where = obj.bias + e[0];
    if (!p.writable(where, narrow ? 4 : is_desc(kind) ? 2 * sizeof(Addr) : sizeof(Addr))) fail_place(obj);
    Word* word = (Word*)where;
    // A RELA entry carries its addend. REL keeps it in the place: a TLS
    // descriptor's in its argument word, except that ARM's linker leaves a
    // marker there for a named symbol. GLOB_DAT and JUMP_SLOT take none.
    uptr addend = has_addend                                          ? e[2]
                  : kind == Reloc::GlobDat || kind == Reloc::JumpSlot ? 0
                  : narrow                                            ? *(Word32*)where
                  : kind == Reloc::TlsDesc                            ? word[1]
                  : kind == Reloc::TlsDescArgFirst                    ? (index ? 0 : word[0])
                                                                      : *word;
    uptr value;

    if (kind == Reloc::Relative || kind == Reloc::IRelative) {
        bool later = kind == Reloc::IRelative;
        if (later != p.second) {
            if (later) ++p.deferred;
            return;
        }
        value = obj.bias + addend;
        *word = (Addr)(later ? call_ifunc(obj, value, p.l) : value);
        return;
    }

    // Everything else may name a symbol; index 0 means the object itself.
    // COPY looks past the executable, and the cache never holds its answer.
    bool copy = kind == Reloc::Copy;
    Definition d;
    if (index == 0) {
        d.obj = &obj;
    } else if (index == p.cached_index && !copy) {
        d = p.cached;
    } else {
        d = resolve(p.l, obj, index, kind == Reloc::JumpSlot, copy ? &obj : nullptr, p.hint);
        p.cached_index = copy ? 0 : index;
        p.cached = d;
    }
    if (index && !d.obj && !d.builtin && (p.now || !weak(obj, index))) {
        // A lazy call cannot go on without a target, even a weak one.
        if (!p.second) report_undefined(p.l, obj, index, p.now);
        return;
    }
    bool ifunc = is_ifunc(d);
    // Deferred: an ifunc whose object is this one or not yet relocated. The
    // second pass applies exactly these; no other object is relocated in between.
    bool deferred = ifunc && (d.obj == &obj || !d.obj->relocated);
    if (!p.now && deferred != p.second) {
        if (deferred) ++p.deferred;
        return;
    }

    uptr s = symbol_address(d);
    if (ifunc) s = call_ifunc(*d.obj, s, p.l);
    uptr sym_value = d.sym ? (uptr)d.sym->st_value : 0;
    uptr tls = is_tls(kind) ? tls_base(obj, d.obj, kind) : 0;
    switch (kind) {
    case Reloc::Copy: {
        // From the bytes the definition stands for (s, not st_value: an ABS
        // or ifunc symbol is not at its st_value), which must be readable.
        usize size = d.sym ? (usize)obj.symtab[index].st_size : 0;
        if (!d.sym || !d.obj->at(s - d.obj->bias, size) || !obj.writable(where, size))
            fail_dynamic(obj, "COPY relocation");
        memcpy(word, (const void*)s, size);
        return;
    }
    case Reloc::TpOff: value = tls + sym_value + addend; break;
    case Reloc::TpOffNeg: value = addend - tls - sym_value; break;
    // The module's offset from the thread pointer doubles as its id, so
    // __tls_get_addr needs no table: address = tp + module + offset.
    case Reloc::DtpMod: value = tls; break;
    case Reloc::DtpOff: value = sym_value + addend - arch::dtv_offset; break;
    case Reloc::TlsDesc:  // resolver, argument
    case Reloc::TlsDescArgFirst: {  // argument, resolver (ARM)
        TlsDescriptor desc = tls_descriptor(p.l, tls, sym_value + addend);
        bool arg_first = kind == Reloc::TlsDescArgFirst;
        word[arg_first] = (Addr)desc.resolver;
        word += arg_first ? 0 : 1;
        value = desc.argument;
        break;
    }
    case Reloc::PcRel32: value = s + addend - where; break;
    default: value = s + addend;  // Absolute, GlobDat, JumpSlot, Abs32
    }
    if (!narrow) {
        *word = (Addr)value;
        return;
    }
    // 32-bit fields must hold the value: unsigned for Abs32, signed for PcRel32.
    i64 v = kind == Reloc::PcRel32 ? (i64)(Sword)value : (i64)value;
    if (sizeof(Addr) == 8 && (kind == Reloc::PcRel32 ? v != (i32)v : value > 0xffffffffu))
        fail_reloc(obj, "relocation overflows 32 bits, type", type);
    *(Word32*)where = (u32)value;
}

void apply_relr(const Pass& p) {
    const Object& obj = p.obj;
    uptr where = 0;
    for (const Addr* e = obj.relr.begin; e != obj.relr.end(); ++e) {
        if (!(*e & 1)) {
            where = obj.bias + *e;
            rebase_word(p, where);
            where += sizeof(Addr);
            continue;
        }
        if (!where) fail_dynamic(obj, "DT_RELR");
        Addr bits = *e >> 1;
        for (uptr w = where; bits; w += sizeof(Addr), bits >>= 1)
            if (bits & 1) rebase_word(p, w);
        where += (8 * sizeof(Addr) - 1) * sizeof(Addr);
    }
}

// One table; `plt` for JMPREL, whose JUMP_SLOTs stay lazy in a lazy object.
void walk(Pass& p, const Words& t, bool plt) {
    const Addr* e = t.begin;
    // A lazy PLT table binds nothing now, and the second pass only a few
    // deferred entries: neither has lookups worth starting early.
    p.lazy_plt = plt && p.obj.lazy;
    bool look_ahead = !p.second && !p.lazy_plt;
    Lookahead ahead(p.l, p.obj, t);
    for (usize i = 0; i < t.count; ++i, e += t.step()) {
        if (look_ahead) ahead.step(i);
        // Without the steps the ring holds no hints (symbol 0). It lives
        // only as long as this walk.
        p.hint = ahead.hint(i);
        apply(p, e, t.rela());
    }
}

__attribute__((noinline)) void run_pass(Pass& p) {
    walk(p, p.obj.rel, false);
    walk(p, p.obj.rela, false);
    walk(p, p.obj.jmprel, true);
}

}  // namespace

void relocate_object(Linker& l, Object& obj) {
    obj.lazy = !l.bind_now && !(obj.flags & DF_BIND_NOW) && obj.pltgot &&
               obj.jmprel.count;
    if (obj.lazy) {
        // The GOT words the PLT header reads are written here: they must be
        // the object's own writable memory, not just readable.
        if (!obj.writable((uptr)obj.pltgot, 3 * sizeof(Addr))) fail_dynamic(obj, "DT_PLTGOT");
        arch::set_lazy_entry((unsigned long*)obj.pltgot, &obj);
    }
    Pass first{l, obj, false};
    apply_relr(first);
    run_pass(first);
    obj.relocated = true;  // its ifunc resolvers may run from now on
    if (first.deferred) {
        Pass second{l, obj, true};
        run_pass(second);
    }
}

void protect_relro(Object& obj) {
    const Phdr* r = obj.relro;
    if (!r) return;
    // Its pages become read-only: they must be the object's own.
    if (!obj.at(r->p_vaddr, r->p_memsz)) diag::fail(obj.path, "PT_GNU_RELRO outside the segments");
    uptr page = obj.linker->arena.page_size();
    uptr start = obj.relro_start = page_down(obj.bias + r->p_vaddr, page);
    uptr end = obj.relro_end = page_down(obj.bias + r->p_vaddr + r->p_memsz, page);
    if (end > start) sys::mprotect((void*)start, end - start, PROT_READ);
}

extern "C" uptr miniload_lazy_bind(Object* obj, uptr index) {
    const Words& t = obj->jmprel;
    const Addr* e = t.begin + index * t.step();
    // The index comes from the PLT's code: the entry is read only once it is
    // known to be one (no object maps page 0, so 0 is never writable). The
    // slot is read back whatever apply() made of the entry, and written: it
    // must not be in the pages PT_GNU_RELRO made read-only since.
    uptr where = index < t.count ? obj->bias + e[0] : 0;
    if (!obj->writable(where, sizeof(Addr)) ||
        (where < obj->relro_end && where + sizeof(Addr) > obj->relro_start))
        diag::fail(obj->path, "lazy call through a bad PLT entry");
    Pass p(*obj->linker, *obj, false, true);
    apply(p, e, t.rela());
    return *(Word*)(obj->bias + e[0]);
}
