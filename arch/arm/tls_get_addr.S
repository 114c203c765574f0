// __tls_get_addr as the objects miniload links and the libraries libminiload
// loads call it: the same in the executable and the library build, which
// both assemble this file.

        .syntax unified
        .arm
        .text
// __tls_get_addr uses the C convention: r0 = the (module, offset) pair. A
// call rather than a tail branch: `bl` becomes `blx` when the core is Thumb
// code, where `b` would need a linker veneer; `pop {pc}` returns to either state.
        .globl  arch_tls_get_addr
        .hidden arch_tls_get_addr
        .type   arch_tls_get_addr, %function
        .p2align 2
arch_tls_get_addr:
        push    {r4, lr}            // r4 keeps sp 8-aligned
        bl      miniload_tls_get_addr
        pop     {r4, pc}
        .size   arch_tls_get_addr, . - arch_tls_get_addr

        .section .note.GNU-stack, "", %progbits
