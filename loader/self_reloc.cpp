// miniload relocating itself, before any other code runs.
//
// _start calls this before loader_main: were it called from C++, the compiler
// would be free to inline it and to move a load of relocated constant data
// (a table of pointers) ahead of the stores that relocate it.
// This runs before relocations are applied, so it may only reach data through
// PC-relative (hidden) symbols and locals: no pointers stored in data, no calls
// outside this file. The build keeps miniload to relative relocations only
// (checked by a test on readelf -r), which is all this applies, in the
// arch's REL or RELA format; linker.ld puts the table between __reloc_start
// and __reloc_end (the build never packs it as RELR).
#include "elf.hpp"

using namespace elf;

extern "C" {
extern const Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern const char __reloc_start[] __attribute__((visibility("hidden")));
extern const char __reloc_end[] __attribute__((visibility("hidden")));
}

extern "C" void self_relocate() {
    const uptr base = (uptr)&__ehdr_start;
    if constexpr (arch::uses_rela) {
        for (const Rela* r = (const Rela*)__reloc_start; r < (const Rela*)__reloc_end; ++r)
            if (r_type(r->r_info) == arch::r_relative) *(Addr*)(base + r->r_offset) = base + r->r_addend;
    } else {
        for (const Rel* r = (const Rel*)__reloc_start; r < (const Rel*)__reloc_end; ++r)
            if (r_type(r->r_info) == arch::r_relative) *(Addr*)(base + r->r_offset) += base;
    }
}
