// One ELF object in memory: the program, its interpreter, or a library.
#pragma once
#include "elf.hpp"

struct Object {
    const char* path = nullptr;      // as opened (for messages)
    u16 type = 0;                    // ET_EXEC or ET_DYN
    uptr bias = 0;                   // runtime address = bias + p_vaddr
    uptr map_start = 0, map_end = 0; // the reserved span, page-aligned
    const elf::Phdr* phdr = nullptr; // program headers (mapped, or an arena copy)
    u16 phnum = 0;
    uptr phdr_addr = 0;              // what AT_PHDR must say
    uptr entry = 0;
    const char* interp = nullptr;    // PT_INTERP, NUL-terminated copy
    const elf::Phdr* dynamic = nullptr;
    const elf::Phdr* tls = nullptr;
    const elf::Phdr* relro = nullptr;
    u64 dev = 0, ino = 0;            // identity, so a file is loaded once
};
