// TLS layout — technical note.
//
// Every object loaded at start-up gets its block in one static area, fixed
// offsets from the thread pointer (tp), which lets initial-exec and
// local-exec code work unchanged and general-dynamic code go through a
// __tls_get_addr that only adds offsets.
//   Variant I  (tp at the start): tp -> [TCB (tcb_size)] [block 1] [block 2] ...
//     block k starts at align_up(end of block k-1, p_align).
//   Variant II (tp at the end):   ... [block 2] [block 1] tp -> [TCB]
//     block k ends where block k-1 starts, its start aligned to p_align.
// The executable is block 1 in both, matching the offsets the static linker
// assumed for its local-exec accesses. tp is aligned to the largest p_align.
#include "tls.hpp"
#include "arch_contract.hpp"
#include "diag.hpp"

using namespace elf;

namespace {
uptr align_up(uptr v, uptr a) { return (v + a - 1) & ~(a - 1); }
}

void setup_tls(Linker& l) {
    uptr off = arch::tls_variant == 1 ? arch::tcb_size : 0;
    uptr max_align = 16;
    for (u32 i = 0; i < l.count; ++i) {
        Object& o = *l.objs[i];
        if (!o.tls) continue;
        const Phdr& t = *o.tls;
        uptr align = checked_tls_align(o);
        if (align > max_align) max_align = align;
        if (arch::tls_variant == 1) {
            off = align_up(off, align);
            o.tls_offset = off;
            off += t.p_memsz;
        } else {
            off = align_up(off + t.p_memsz, align);
            o.tls_offset = (uptr)0 - off;
        }
        if (off > max_tls_size) diag::fail(o.path, "thread-local storage too large");
    }
    uptr below = arch::tls_variant == 1 ? 0 : off;
    uptr above = arch::tls_variant == 1 ? off : arch::tcb_size;
    char* area = (char*)l.arena.alloc(below + above + max_align);
    uptr tp = align_up((uptr)area + below, max_align);
    arch::init_tcb((void*)tp, (const void*)l.proc.aux[AT_RANDOM]);
    long r = arch::set_thread_pointer((void*)tp);
    if (r < 0) diag::fail_errno(l.objs[0]->path, "cannot set the thread pointer", r);
    l.tp = tp;
}

void copy_tls_images(const Linker& l) {
    for (u32 i = 0; i < l.count; ++i) {
        const Object& o = *l.objs[i];
        if (o.tls && o.tls->p_filesz)
            memcpy((void*)(l.tp + o.tls_offset), (const void*)(o.bias + o.tls->p_vaddr), o.tls->p_filesz);
    }
}

extern "C" void* miniload_tls_get_addr(const uptr* index) {
    return (void*)(arch::thread_pointer() + index[0] + index[1] + arch::dtv_offset);
}
