// ELF types and constants from the gABI, sized by the build's ELF class.
// The core uses the unsuffixed aliases (Ehdr, Phdr, Dyn, ...), so a 32-bit
// build never writes a 64-bit word into a 32-bit slot.
#pragma once
#include "arch_contract.hpp"
#include "types.hpp"

namespace elf {

// e_ident
constexpr unsigned char MAG0 = 0x7f, MAG1 = 'E', MAG2 = 'L', MAG3 = 'F';
constexpr int EI_CLASS = 4, EI_DATA = 5, EI_VERSION = 6, EI_NIDENT = 16;
constexpr unsigned char CLASS32 = 1, CLASS64 = 2, DATA2LSB = 1, EV_CURRENT = 1;

// e_type
constexpr u16 ET_NONE = 0, ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;

// p_type and p_flags
constexpr u32 PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4,
              PT_SHLIB = 5, PT_PHDR = 6, PT_TLS = 7, PT_GNU_EH_FRAME = 0x6474e550,
              PT_GNU_STACK = 0x6474e551, PT_GNU_RELRO = 0x6474e552;
constexpr u32 PF_X = 1, PF_W = 2, PF_R = 4;

// d_tag
constexpr long DT_NULL = 0, DT_NEEDED = 1, DT_PLTRELSZ = 2, DT_PLTGOT = 3, DT_HASH = 4,
               DT_STRTAB = 5, DT_SYMTAB = 6, DT_RELA = 7, DT_RELASZ = 8, DT_RELAENT = 9,
               DT_STRSZ = 10, DT_SYMENT = 11, DT_INIT = 12, DT_FINI = 13, DT_SONAME = 14,
               DT_RPATH = 15, DT_SYMBOLIC = 16, DT_REL = 17, DT_RELSZ = 18, DT_RELENT = 19,
               DT_PLTREL = 20, DT_DEBUG = 21, DT_TEXTREL = 22, DT_JMPREL = 23,
               DT_BIND_NOW = 24, DT_INIT_ARRAY = 25, DT_FINI_ARRAY = 26,
               DT_INIT_ARRAYSZ = 27, DT_FINI_ARRAYSZ = 28, DT_RUNPATH = 29, DT_FLAGS = 30,
               DT_PREINIT_ARRAY = 32, DT_PREINIT_ARRAYSZ = 33, DT_RELRSZ = 35, DT_RELR = 36,
               DT_RELRENT = 37, DT_NUM = 38;
constexpr long DT_GNU_HASH = 0x6ffffef5, DT_VERSYM = 0x6ffffff0, DT_FLAGS_1 = 0x6ffffffb,
               DT_VERDEF = 0x6ffffffc, DT_VERDEFNUM = 0x6ffffffd, DT_VERNEED = 0x6ffffffe,
               DT_VERNEEDNUM = 0x6fffffff;
constexpr unsigned long DF_SYMBOLIC = 2, DF_TEXTREL = 4, DF_BIND_NOW = 8, DF_STATIC_TLS = 0x10;
constexpr unsigned long DF_1_NOW = 1;

// Symbols
constexpr u16 SHN_UNDEF = 0, SHN_ABS = 0xfff1;
constexpr unsigned char STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2, STB_GNU_UNIQUE = 10;
constexpr unsigned char STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3,
                        STT_FILE = 4, STT_COMMON = 5, STT_TLS = 6, STT_GNU_IFUNC = 10;
constexpr unsigned char STV_DEFAULT = 0, STV_INTERNAL = 1, STV_HIDDEN = 2, STV_PROTECTED = 3;

// Symbol versioning
constexpr u16 VER_NDX_LOCAL = 0, VER_NDX_GLOBAL = 1, VERSYM_HIDDEN = 0x8000,
              VERSYM_VERSION = 0x7fff, VER_FLG_BASE = 1, VER_FLG_WEAK = 2;

struct Ehdr32 {
    unsigned char e_ident[EI_NIDENT];
    u16 e_type, e_machine;
    u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
    u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};
struct Ehdr64 {
    unsigned char e_ident[EI_NIDENT];
    u16 e_type, e_machine;
    u32 e_version;
    u64 e_entry, e_phoff, e_shoff;
    u32 e_flags;
    u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};
struct Phdr32 { u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align; };
struct Phdr64 { u32 p_type, p_flags; u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align; };
struct Dyn32 { i32 d_tag; u32 d_val; };
struct Dyn64 { i64 d_tag; u64 d_val; };
struct Sym32 { u32 st_name, st_value, st_size; unsigned char st_info, st_other; u16 st_shndx; };
struct Sym64 { u32 st_name; unsigned char st_info, st_other; u16 st_shndx; u64 st_value, st_size; };
struct Rel32 { u32 r_offset, r_info; };
struct Rela32 { u32 r_offset, r_info; i32 r_addend; };
struct Rel64 { u64 r_offset, r_info; };
struct Rela64 { u64 r_offset, r_info; i64 r_addend; };
struct Verdef { u16 vd_version, vd_flags, vd_ndx, vd_cnt; u32 vd_hash, vd_aux, vd_next; };
struct Verdaux { u32 vda_name, vda_next; };
struct Verneed { u16 vn_version, vn_cnt; u32 vn_file, vn_aux, vn_next; };
struct Vernaux { u32 vna_hash; u16 vna_flags, vna_other; u32 vna_name, vna_next; };

template <int Class> struct Types;
template <> struct Types<CLASS32> {
    using Ehdr = Ehdr32; using Phdr = Phdr32; using Dyn = Dyn32; using Sym = Sym32;
    using Rel = Rel32; using Rela = Rela32; using Addr = u32; using Sword = i32;
    static constexpr unsigned r_sym_shift = 8, r_type_mask = 0xff;
};
template <> struct Types<CLASS64> {
    using Ehdr = Ehdr64; using Phdr = Phdr64; using Dyn = Dyn64; using Sym = Sym64;
    using Rel = Rel64; using Rela = Rela64; using Addr = u64; using Sword = i64;
    static constexpr unsigned r_sym_shift = 32, r_type_mask = 0xffffffff;
};

using Native = Types<arch::elf_class>;
using Ehdr = Native::Ehdr;
using Phdr = Native::Phdr;
using Dyn = Native::Dyn;
using Sym = Native::Sym;
using Rel = Native::Rel;
using Rela = Native::Rela;
using Addr = Native::Addr;
using Sword = Native::Sword;

inline unsigned r_sym(Addr info) { return unsigned(info >> Native::r_sym_shift); }
inline unsigned r_type(Addr info) { return unsigned(info & Native::r_type_mask); }
inline unsigned char st_bind(unsigned char info) { return info >> 4; }
inline unsigned char st_type(unsigned char info) { return info & 0xf; }
inline unsigned char st_visibility(unsigned char other) { return other & 3; }

}  // namespace elf
