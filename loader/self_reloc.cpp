// miniload relocating itself, before any other code runs.
//
// This runs before relocations are applied, so it may only reach data through
// PC-relative (hidden) symbols and locals: no pointers stored in data, no calls
// outside this file. The build keeps miniload to relative relocations only
// (checked by a test on readelf -r), which is all this applies, in the
// arch's REL or RELA format (the build never packs them as RELR).
#include "elf.hpp"

using namespace elf;

extern "C" {
extern const Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern const Dyn _DYNAMIC[] __attribute__((visibility("hidden")));
}

void self_relocate() {
    const uptr base = (uptr)&__ehdr_start;
    uptr rel = 0, relsz = 0, rela = 0, relasz = 0;
    for (const Dyn* d = _DYNAMIC; d->d_tag != DT_NULL; ++d) {
        switch (d->d_tag) {
        case DT_REL: rel = base + d->d_val; break;
        case DT_RELSZ: relsz = d->d_val; break;
        case DT_RELA: rela = base + d->d_val; break;
        case DT_RELASZ: relasz = d->d_val; break;
        }
    }
    if constexpr (arch::uses_rela) {
        for (const Rela* r = (const Rela*)rela; r < (const Rela*)(rela + relasz); ++r)
            if (r_type(r->r_info) == arch::r_relative) *(Addr*)(base + r->r_offset) = base + r->r_addend;
    } else {
        for (const Rel* r = (const Rel*)rel; r < (const Rel*)(rel + relsz); ++r)
            if (r_type(r->r_info) == arch::r_relative) *(Addr*)(base + r->r_offset) += base;
    }
}
