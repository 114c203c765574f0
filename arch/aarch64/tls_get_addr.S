// __tls_get_addr as the objects miniload links and the libraries libminiload
// loads call it: the same in the executable and the library build, which
// both assemble this file.

        .text
// __tls_get_addr (only code built -mtls-dialect=trad calls it) uses the C
// convention: x0 = the (module, offset) pair.
        .globl  arch_tls_get_addr
        .hidden arch_tls_get_addr
        .type   arch_tls_get_addr, %function
        .p2align 2
arch_tls_get_addr:
        b       miniload_tls_get_addr
        .size   arch_tls_get_addr, . - arch_tls_get_addr

        .section .note.GNU-stack, "", %progbits
