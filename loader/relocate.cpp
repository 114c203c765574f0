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
#include "symbols.hpp"
#include "syscalls.hpp"

using namespace elf;

namespace {

constexpr u32 max_reported_undefined = 16;

struct Pass {
    Pass(Linker& linker, Object& o, bool is_second) : l(linker), obj(o), second(is_second) {}
    Linker& l;
    Object& obj;
    bool second;             // applying what the first pass deferred
    u32 deferred = 0;
    u32 cached_index = 0;    // symbol index of the cached definition (0: none)
    Definition cached;
};

[[noreturn]] void fail_reloc(const Object& obj, const char* what, unsigned type) {
    diag::about(obj.path).str(what).str(" ").dec(type).die();
}

void report_undefined(Linker& l, const Object& obj, const char* name) {
    if (++l.undefined <= max_reported_undefined)
        diag::about(obj.path).str("undefined symbol: ").str(name).emit();
}

// The definition of symbol `index`, for a reference from `obj`.
Definition resolve(Linker& l, Object& obj, u32 index, bool for_plt, const Object* skip) {
    SymbolRef ref = make_ref(obj, index, for_plt);
    const Sym& own = obj.symtab[index];
    // Local symbols, and protected or DT_SYMBOLIC definitions, bind to the object itself.
    if (st_bind(own.st_info) == STB_LOCAL ||
        (own.st_shndx != SHN_UNDEF && (st_visibility(own.st_other) == STV_PROTECTED || obj.flags & DF_SYMBOLIC)))
        if (!skip) return {&obj, &own, 0};
    Definition d = lookup(l.objs, l.count, ref, skip);
    if (l.opt.debug && (d.obj || d.builtin))
        diag::Line().str("miniload: binding ").str(obj.path).str(" ").str(ref.name).str(" to ")
            .str(d.obj ? d.obj->path : "miniload").emit();
    return d;
}

bool is_ifunc(const Definition& d) {
    return d.sym && st_type(d.sym->st_info) == STT_GNU_IFUNC && d.sym->st_shndx != SHN_UNDEF;
}

uptr call_ifunc(uptr resolver, const Linker& l) { return arch::call_ifunc(resolver, l.proc.aux); }

// Whether the symbol is allowed to be missing: weak references resolve to 0.
bool weak(const Object& obj, u32 index) { return st_bind(obj.symtab[index].st_info) == STB_WEAK; }

void write_word(const Object& obj, uptr where, uptr value) {
    if (!obj.writable(where, sizeof(Addr))) diag::fail(obj.path, "relocation outside the object's writable segments");
    *(Addr*)where = (Addr)value;
}

void write_u32(const Object& obj, uptr where, u64 value, unsigned type) {
    if (!obj.writable(where, 4)) diag::fail(obj.path, "relocation outside the object's writable segments");
    if (value > 0xffffffffull) fail_reloc(obj, "relocation value does not fit in 32 bits, type", type);
    *(u32*)where = (u32)value;
}

// The TLS offset from the thread pointer of the block of `o`.
uptr tls_base(const Object& obj, const Object* o) {
    if (!o || !o->tls) diag::fail(obj.path, "TLS relocation against an object without PT_TLS");
    return o->tls_offset;
}

void apply(Pass& p, uptr r_offset, uptr info, uptr addend, bool has_addend) {
    Object& obj = p.obj;
    unsigned type = r_type(info);
    u32 index = r_sym(info);
    Reloc kind = arch::classify(type);
    if (kind == Reloc::None) return;
    if (kind == Reloc::Unknown) fail_reloc(obj, "unsupported relocation type", type);
    uptr where = obj.bias + r_offset;
    if (!obj.writable(where, kind == Reloc::Abs32 || kind == Reloc::PcRel32 ? 4 : sizeof(Addr)))
        diag::fail(obj.path, "relocation outside the object's writable segments");
    // REL keeps the addend in the place; GLOB_DAT and JUMP_SLOT take none.
    if (!has_addend)
        addend = kind == Reloc::GlobDat || kind == Reloc::JumpSlot ? 0
                 : kind == Reloc::Abs32 || kind == Reloc::PcRel32 ? *(u32*)where : *(Addr*)where;

    if (kind == Reloc::Relative) {
        if (!p.second) *(Addr*)where = (Addr)(obj.bias + addend);
        return;
    }
    if (kind == Reloc::IRelative) {
        if (!p.second) ++p.deferred;
        else *(Addr*)where = (Addr)call_ifunc(obj.bias + addend, p.l);
        return;
    }

    // Everything else may name a symbol. Index 0 means the object itself.
    Definition d;
    if (index == 0) {
        d.obj = &obj;
    } else if (kind == Reloc::Copy) {
        d = resolve(p.l, obj, index, false, &obj);
    } else if (index == p.cached_index) {
        d = p.cached;
    } else {
        d = resolve(p.l, obj, index, kind == Reloc::JumpSlot, nullptr);
        p.cached_index = index;
        p.cached = d;
    }
    if (index && !d.obj && !d.builtin && !weak(obj, index)) {
        if (!p.second) report_undefined(p.l, obj, obj.string(obj.symtab[index].st_name));
        return;
    }
    bool ifunc = is_ifunc(d);
    // Deferred: an ifunc whose object is this one or not yet relocated. The
    // second pass applies exactly these; no other object is relocated in between.
    bool deferred = ifunc && (d.obj == &obj || !d.obj->relocated);
    if (deferred != p.second) {
        if (deferred) ++p.deferred;
        return;
    }

    uptr s = symbol_address(d);
    uptr value_for_tls = d.sym ? (uptr)d.sym->st_value : 0;
    switch (kind) {
    case Reloc::Absolute:
    case Reloc::GlobDat:
    case Reloc::JumpSlot:
        if (ifunc) s = call_ifunc(s, p.l);
        *(Addr*)where = (Addr)(s + addend);
        break;
    case Reloc::Abs32:
        write_u32(obj, where, (u64)(s + addend), type);
        break;
    case Reloc::PcRel32: {
        i64 v = (i64)(s + addend - where);
        if (sizeof(Addr) == 8 && (v < -0x80000000ll || v > 0x7fffffffll))
            fail_reloc(obj, "PC-relative relocation out of range, type", type);
        *(u32*)where = (u32)v;
        break;
    }
    case Reloc::Copy: {
        usize size = (usize)obj.symtab[index].st_size;
        if (!d.obj || d.obj->at(d.sym->st_value, size) == nullptr || !obj.writable(where, size))
            diag::fail(obj.path, "COPY relocation outside its objects");
        memcpy((void*)where, (const void*)s, size);
        break;
    }
    case Reloc::TpOff:
        *(Addr*)where = (Addr)(tls_base(obj, d.obj) + value_for_tls + addend);
        break;
    case Reloc::TpOffNeg:
        *(Addr*)where = (Addr)(addend - tls_base(obj, d.obj) - value_for_tls);
        break;
    case Reloc::DtpMod:
        // The module's offset from the thread pointer doubles as its id, so
        // __tls_get_addr needs no table: address = tp + module + offset.
        *(Addr*)where = (Addr)tls_base(obj, d.obj);
        break;
    case Reloc::DtpOff:
        *(Addr*)where = (Addr)(value_for_tls + addend - arch::dtv_offset);
        break;
    case Reloc::TlsDesc:
    case Reloc::TlsDescArgFirst: {
        if (!obj.writable(where, 2 * sizeof(Addr))) diag::fail(obj.path, "relocation outside the object's writable segments");
        bool arg_first = kind == Reloc::TlsDescArgFirst;
        Addr* arg = (Addr*)where + !arg_first;
        Addr* entry = (Addr*)where + arg_first;
        // ARM's linker leaves a marker, not an addend, in a named symbol's argument word.
        uptr a = has_addend ? addend : arg_first && index ? 0 : *arg;
        *arg = (Addr)(tls_base(obj, d.obj) + value_for_tls + a);
        *entry = (Addr)(uptr)&arch_tlsdesc_static;
        break;
    }
    default:
        fail_reloc(obj, "unsupported relocation type", type);
    }
}

void apply_relr(Object& obj) {
    Addr* where = nullptr;
    for (const Addr* e = obj.relr.begin; e != obj.relr.end(); ++e) {
        if (!(*e & 1)) {
            where = (Addr*)(obj.bias + *e);
            write_word(obj, (uptr)where, *where + obj.bias);
            ++where;
            continue;
        }
        if (!where) diag::fail(obj.path, "DT_RELR bitmap before any address");
        Addr bits = *e >> 1;
        for (unsigned i = 0; bits; ++i, bits >>= 1)
            if (bits & 1) write_word(obj, (uptr)(where + i), where[i] + obj.bias);
        where += 8 * sizeof(Addr) - 1;
    }
}

// JMPREL: eager entries go through apply(); lazy JUMP_SLOTs are only moved by the bias.
template <class R> void apply_plt(Pass& p, const Table<R>& t, bool has_addend) {
    for (const R* r = t.begin; r != t.end(); ++r) {
        uptr addend = 0;
        if constexpr (sizeof(R) == 3 * sizeof(Addr)) addend = (uptr)r->r_addend;
        if (p.obj.lazy && arch::classify(r_type(r->r_info)) == Reloc::JumpSlot) {
            if (!p.second) write_word(p.obj, p.obj.bias + r->r_offset, *(Addr*)(p.obj.bias + r->r_offset) + p.obj.bias);
            continue;
        }
        apply(p, r->r_offset, r->r_info, addend, has_addend);
    }
}

void run_pass(Pass& p) {
    for (const Rel* r = p.obj.rel.begin; r != p.obj.rel.end(); ++r) apply(p, r->r_offset, r->r_info, 0, false);
    for (const Rela* r = p.obj.rela.begin; r != p.obj.rela.end(); ++r)
        apply(p, r->r_offset, r->r_info, (uptr)r->r_addend, true);
    apply_plt(p, p.obj.jmprel_rel, false);
    apply_plt(p, p.obj.jmprel_rela, true);
}

}  // namespace

void relocate_object(Linker& l, Object& obj) {
    if (obj.flags & DF_TEXTREL) diag::fail(obj.path, "text relocations (DT_TEXTREL) are not supported");
    obj.lazy = !l.bind_now && !(obj.flags & DF_BIND_NOW) && !(obj.flags_1 & DF_1_NOW) && obj.pltgot &&
               (obj.jmprel_rel.count || obj.jmprel_rela.count);
    if (obj.lazy) arch::set_lazy_entry((unsigned long*)obj.pltgot, &obj);
    apply_relr(obj);
    Pass first{l, obj, false};
    run_pass(first);
    obj.relocated = true;  // its ifunc resolvers may run from now on
    if (first.deferred) {
        Pass second{l, obj, true};
        run_pass(second);
    }
}

void protect_relro(const Object& obj) {
    if (!obj.relro) return;
    uptr page = obj.linker->arena.page_size();
    uptr start = page_down(obj.bias + obj.relro->p_vaddr, page);
    uptr end = page_down(obj.bias + obj.relro->p_vaddr + obj.relro->p_memsz, page);
    if (end > start) sys::mprotect((void*)start, end - start, PROT_READ);
}

extern "C" uptr miniload_lazy_bind(Object* obj, uptr index) {
    uptr info, offset;
    if (index < obj->jmprel_rela.count) {
        info = obj->jmprel_rela.begin[index].r_info;
        offset = obj->jmprel_rela.begin[index].r_offset;
    } else if (index < obj->jmprel_rel.count) {
        info = obj->jmprel_rel.begin[index].r_info;
        offset = obj->jmprel_rel.begin[index].r_offset;
    } else {
        diag::fail(obj->path, "lazy call through a PLT entry that does not exist");
    }
    u32 sym = r_sym(info);
    Definition d = resolve(*obj->linker, *obj, sym, true, nullptr);
    if (!d.obj && !d.builtin) {
        diag::about(obj->path).str("undefined symbol: ").str(obj->string(obj->symtab[sym].st_name)).die();
    }
    uptr target = symbol_address(d);
    if (is_ifunc(d)) target = call_ifunc(target, *obj->linker);
    uptr addend = index < obj->jmprel_rela.count ? (uptr)obj->jmprel_rela.begin[index].r_addend : 0;
    write_word(*obj, obj->bias + offset, target + addend);
    return target + addend;
}
