// Compile-time check of loader/elf.hpp against the system's <elf.h>: every
// constant the loader names and the size of every structure must agree.
// Built by tests/build.bats with the host compiler; it passes if it compiles.
#include "elf.hpp"

#define ELF_CONSTANTS(X)                                                                          \
    X(ET_REL) X(ET_EXEC) X(ET_DYN) X(ET_CORE) X(PT_LOAD) X(PT_DYNAMIC) X(PT_INTERP) X(PT_NOTE)   \
    X(PT_PHDR) X(PT_TLS) X(PT_GNU_EH_FRAME) X(PT_GNU_STACK) X(PT_GNU_RELRO) X(PF_X) X(PF_W)      \
    X(PF_R) X(DT_NULL) X(DT_NEEDED) X(DT_PLTRELSZ) X(DT_PLTGOT) X(DT_HASH) X(DT_STRTAB)          \
    X(DT_SYMTAB) X(DT_RELA) X(DT_RELASZ) X(DT_RELAENT) X(DT_STRSZ) X(DT_SYMENT) X(DT_INIT)       \
    X(DT_FINI) X(DT_SONAME) X(DT_RPATH) X(DT_SYMBOLIC) X(DT_REL) X(DT_RELSZ) X(DT_RELENT)        \
    X(DT_PLTREL) X(DT_DEBUG) X(DT_TEXTREL) X(DT_JMPREL) X(DT_BIND_NOW) X(DT_INIT_ARRAY)          \
    X(DT_FINI_ARRAY) X(DT_INIT_ARRAYSZ) X(DT_FINI_ARRAYSZ) X(DT_RUNPATH) X(DT_FLAGS)             \
    X(DT_PREINIT_ARRAY) X(DT_PREINIT_ARRAYSZ) X(DT_RELRSZ) X(DT_RELR) X(DT_RELRENT)             \
    X(DT_GNU_HASH) X(DT_VERSYM) X(DT_FLAGS_1) X(DT_VERDEF) X(DT_VERDEFNUM) X(DT_VERNEED)         \
    X(DT_VERNEEDNUM) X(DF_SYMBOLIC) X(DF_TEXTREL) X(DF_BIND_NOW) X(DF_STATIC_TLS) X(DF_1_NOW)    \
    X(SHN_UNDEF) X(SHN_ABS) X(STB_LOCAL) X(STB_GLOBAL) X(STB_WEAK) X(STB_GNU_UNIQUE)             \
    X(STT_NOTYPE) X(STT_OBJECT) X(STT_FUNC) X(STT_SECTION) X(STT_FILE) X(STT_COMMON) X(STT_TLS)  \
    X(STT_GNU_IFUNC) X(STV_DEFAULT) X(STV_INTERNAL) X(STV_HIDDEN) X(STV_PROTECTED)               \
    X(VER_NDX_LOCAL) X(VER_NDX_GLOBAL) X(VER_FLG_BASE)

#define OURS(name) (long long)elf::name,
constexpr long long ours[] = {ELF_CONSTANTS(OURS)};

constexpr unsigned long long our_sizes[] = {
    sizeof(elf::Ehdr32), sizeof(elf::Ehdr64), sizeof(elf::Phdr32), sizeof(elf::Phdr64),
    sizeof(elf::Dyn32), sizeof(elf::Dyn64), sizeof(elf::Sym32), sizeof(elf::Sym64),
    sizeof(elf::Rel32), sizeof(elf::Rel64), sizeof(elf::Rela32), sizeof(elf::Rela64),
    sizeof(elf::Verdef), sizeof(elf::Verdaux), sizeof(elf::Verneed), sizeof(elf::Vernaux),
    __builtin_offsetof(elf::Phdr64, p_offset), __builtin_offsetof(elf::Sym64, st_value),
    __builtin_offsetof(elf::Sym32, st_info), __builtin_offsetof(elf::Vernaux, vna_other),
};

#include <elf.h>

#define THEIRS(name) (long long)name,
constexpr long long theirs[] = {ELF_CONSTANTS(THEIRS)};
#define NAMES(name) #name,
constexpr const char* names[] = {ELF_CONSTANTS(NAMES)};

constexpr unsigned long long their_sizes[] = {
    sizeof(Elf32_Ehdr), sizeof(Elf64_Ehdr), sizeof(Elf32_Phdr), sizeof(Elf64_Phdr),
    sizeof(Elf32_Dyn), sizeof(Elf64_Dyn), sizeof(Elf32_Sym), sizeof(Elf64_Sym),
    sizeof(Elf32_Rel), sizeof(Elf64_Rel), sizeof(Elf32_Rela), sizeof(Elf64_Rela),
    sizeof(Elf64_Verdef), sizeof(Elf64_Verdaux), sizeof(Elf64_Verneed), sizeof(Elf64_Vernaux),
    __builtin_offsetof(Elf64_Phdr, p_offset), __builtin_offsetof(Elf64_Sym, st_value),
    __builtin_offsetof(Elf32_Sym, st_info), __builtin_offsetof(Elf64_Vernaux, vna_other),
};

// The index of the first disagreement, or -1.
constexpr int first_mismatch() {
    for (unsigned i = 0; i < sizeof ours / sizeof ours[0]; ++i)
        if (ours[i] != theirs[i]) return (int)i;
    return -1;
}
constexpr int first_size_mismatch() {
    for (unsigned i = 0; i < sizeof our_sizes / sizeof our_sizes[0]; ++i)
        if (our_sizes[i] != their_sizes[i]) return (int)i;
    return -1;
}
template <int I> struct constant_differs_from_elf_h { static_assert(I < 0, "see names[I]"); };
template struct constant_differs_from_elf_h<first_mismatch()>;
template <int I> struct layout_differs_from_elf_h { static_assert(I < 0, "see our_sizes[I]"); };
template struct layout_differs_from_elf_h<first_size_mismatch()>;

int main() { return names[0] ? 0 : 1; }
