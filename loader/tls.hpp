// Thread-local storage for the objects miniload links: one static block.
#pragma once
#include "arch_contract.hpp"
#include "diag.hpp"
#include "linkmap.hpp"

constexpr usize max_tls_size = 64 * 1024 * 1024;

// The alignment of `o`'s PT_TLS segment (1 for none given), after checking
// what both builds rely on: a power of two up to a page, an initialisation
// image inside the file's segments and no larger than the block, a block
// within max_tls_size. Fails with "bad PT_TLS segment".
inline uptr checked_tls_align(const Object& o) {
    const elf::Phdr& t = *o.tls;
    uptr align = t.p_align ? (uptr)t.p_align : 1;
    if (align & (align - 1) || align > 4096 || t.p_filesz > t.p_memsz || t.p_memsz > max_tls_size ||
        (t.p_filesz && !o.at(t.p_vaddr, t.p_filesz)))
        diag::bad(o.path, "PT_TLS segment");
    return align;
}

// Gives every object with PT_TLS its offset from the thread pointer, allocates
// the block and the TCB, and sets the thread pointer. Always sets up a TCB,
// since code built with a stack protector reads its canary through it.
void setup_tls(Linker& l);

// Copies each object's TLS initialisation image into the block; called after
// relocation, which may have written into those images.
void copy_tls_images(const Linker& l);

// A TLS descriptor's two words as relocation writes them: the resolver that
// code calls, and the argument it finds beside it.
struct TlsDescriptor {
    uptr resolver, argument;
};
#ifdef MINILOAD_LIBRARY
// The library build's blocks are per thread: lib/tls.cpp.
TlsDescriptor tls_descriptor(Linker& l, uptr module, uptr offset);
#else
// Static TLS: the variable's offset from the thread pointer is known now.
inline TlsDescriptor tls_descriptor(Linker&, uptr module, uptr offset) {
    return {(uptr)&arch_tlsdesc_static, module + offset};
}
#endif

// __tls_get_addr for static TLS: the module word of a (module, offset) pair
// is the block's offset from the thread pointer (see relocate.cpp, DtpMod).
extern "C" void* miniload_tls_get_addr(const uptr* index);
