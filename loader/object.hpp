// One ELF object in memory: the program, its interpreter, or a library, with
// its dynamic section decoded once into checked pointers.
#pragma once
#include "elf.hpp"

struct Linker;

// A table of words inside the image, from the dynamic section: one word per
// entry (RELR, init and fini arrays), or a REL or RELA table whose entries
// are r_offset, r_info and, for RELA, r_addend.
struct Words {
    const elf::Addr* begin = nullptr;
    usize count = 0;     // entries
    unsigned char words = 0;  // per entry: 1, or 2 for REL and 3 for RELA
    const elf::Addr* end() const { return begin + count; }  // one-word entries
    unsigned step() const { return words; }                 // relocation entries
    bool rela() const { return words == 3; }                // entries with an addend
};

// A version name (from DT_VERDEF or DT_VERNEED) behind a version index.
struct Version {
    const char* name = nullptr;
    u32 hash = 0;
    bool defined = false;  // from DT_VERDEF (the object provides it)
    bool weak = false;     // a DT_VERNEED entry marked VER_FLG_WEAK
    const char* file = nullptr;  // for DT_VERNEED: the library that must provide it
};

// What most code reads comes first: x86 reaches the first 128 bytes of a
// structure with one-byte offsets, and Thumb-2 with its short loads.
struct Object {
    // --- the image (image.cpp) ---
    const char* path = nullptr;      // as opened (for messages)
    uptr bias = 0;                   // runtime address = bias + p_vaddr
    const elf::Phdr* phdr = nullptr; // program headers (validated copy or mapped)
    u16 phnum = 0;
    bool needs_libraries = false;    // has a DT_NEEDED entry (dynamic.cpp)

    // --- linking (linkmap.cpp, relocate.cpp, tls.cpp) ---
    Linker* linker = nullptr;
    Object** deps = nullptr;         // resolved DT_NEEDED, in order
    u32 ndeps = 0;
    bool lazy = false;
    bool relocated = false;
    bool visited = false;            // reached by the init order walk (init.cpp)
    uptr tls_offset = 0;             // block start minus thread pointer (may wrap)
    unsigned long flags = 0;         // DT_FLAGS, with the tags that stand for its bits (dynamic.cpp)
    const elf::Phdr* tls = nullptr;  // PT_TLS (image.cpp)
    uptr entry = 0;                  // e_entry plus the bias (image.cpp)

    // --- the dynamic section (dynamic.cpp) ---
    const char* strtab = nullptr;
    usize strsz = 0;
    const elf::Sym* symtab = nullptr;
    u32 nsyms = 0;                   // entries readable inside the image
    u32 gnu_end = 0;                 // GNU hash walks stop before this symbol index
    // GNU hash: bloom filter words, buckets, and the chain of hash values
    const elf::Addr* gnu_bloom = nullptr;
    const u32* gnu_buckets = nullptr;
    const u32* gnu_chain = nullptr;  // indexed by symbol index - gnu_symoffset
    u32 gnu_nbuckets = 0, gnu_symoffset = 0, gnu_bloom_mask = 0, gnu_shift = 0;
    // SysV hash, used when there is no GNU hash
    const u32* sysv_buckets = nullptr;
    const u32* sysv_chain = nullptr;
    u32 sysv_nbuckets = 0, sysv_nchain = 0;
    // symbol versions: versym per symbol, and the names behind each index
    const u16* versym = nullptr;
    const Version* versions = nullptr;
    u32 nversions = 0;
    Words rel, rela, jmprel, relr;    // DT_REL, DT_RELA, DT_JMPREL, DT_RELR
    Words init_array, fini_array, preinit_array;
    uptr init = 0, fini = 0;
    elf::Addr* pltgot = nullptr;
    const char* soname = nullptr;
    const char* rpath = nullptr;
    const char* runpath = nullptr;
    const elf::Dyn* dyn = nullptr;   // for walking DT_NEEDED and DT_VERNEED
    usize ndyn = 0;

    // --- the image, read less often (image.cpp) ---
    uptr map_start = 0;              // the span of the PT_LOADs, page-aligned
    uptr reserved = 0;               // ET_DYN: where the reservation holding the span
                                     // (and any slack for p_align) starts, or -errno
    uptr phdr_addr = 0;              // what AT_PHDR must say
    const char* interp = nullptr;    // PT_INTERP, NUL-terminated copy
    const elf::Phdr* dynamic = nullptr;
    const elf::Phdr* relro = nullptr;
    const Object* loader = nullptr;  // the object whose DT_NEEDED brought it in (linkmap.cpp)
    uptr relro_start = 0, relro_end = 0;  // the pages protect_relro made read-only (relocate.cpp)
    u64 dev = 0, ino = 0;            // identity, so a file is loaded once

    // Bytes from vaddr to the end of the PT_LOAD that holds it and has one of
    // `flags` (PF_R: what miniload may read), or 0 when none does. Only
    // readable segments are read: a segment mapped without PROT_READ faults.
    uptr room(uptr vaddr, u32 flags = elf::PF_R) const;
    // A pointer to [vaddr, vaddr + size) if it lies inside one readable PT_LOAD, else null.
    void* at(uptr vaddr, uptr size) const;
    // Whether [addr, addr + size) lies inside a writable PT_LOAD. PT_GNU_RELRO
    // counts only through the writable PT_LOAD that holds it, as it must.
    bool writable(uptr addr, uptr size) const;
    // `addr`, a runtime address miniload calls or jumps to, if it lies in a
    // PF_X segment; else "miniload: PATH: WHAT outside the code" and 127.
    uptr code(uptr addr, const char* what) const;
    // The NUL-terminated string at `offset` of the string table, or null.
    const char* string(uptr offset) const { return offset < strsz ? strtab + offset : nullptr; }
};
