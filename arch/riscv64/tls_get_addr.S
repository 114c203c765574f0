// __tls_get_addr as the objects miniload links and the libraries libminiload
// loads call it: the same in the executable and the library build, which
// both assemble this file.

        .text
// __tls_get_addr takes the tls_index pointer in a0, the C convention.
        .globl  arch_tls_get_addr
        .hidden arch_tls_get_addr
        .type   arch_tls_get_addr, %function
arch_tls_get_addr:
        tail    miniload_tls_get_addr
        .size   arch_tls_get_addr, . - arch_tls_get_addr

        .section .note.GNU-stack, "", %progbits
