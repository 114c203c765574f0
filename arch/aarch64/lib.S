// The library build's entry points (libminiload; the executable uses
// start.S's). In a host process the binder may call the host's resolver,
// ordinary code that is free to use the FP/SIMD registers carrying a lazily
// bound call's floating-point and vector arguments, v0..v7: so unlike
// start.S's, this lazy-binding entry saves them too (as q registers: the
// upper parts of SVE z registers are not kept). start.S is the executable's
// alone: a host has its own _start.

        .text
        .globl  arch_lib_setup
        .hidden arch_lib_setup
        .type   arch_lib_setup, %function
        .p2align 2
arch_lib_setup:                     // nothing to learn about this machine
        ret
        .size   arch_lib_setup, . - arch_lib_setup

// As start.S's: [sp] = &GOT[n], [sp + 8] = the caller's return address,
// x16 = &GOT[2]. x0..x8 and q0..q7 are saved in 208 bytes (sp stays
// 16-aligned).
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, %function
        .p2align 2
arch_lazy_entry:
        stp     x0, x1, [sp, #-208]!
        stp     x2, x3, [sp, #16]
        stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        str     x8, [sp, #64]
        stp     q0, q1, [sp, #80]
        stp     q2, q3, [sp, #112]
        stp     q4, q5, [sp, #144]
        stp     q6, q7, [sp, #176]
        ldur    x0, [x16, #-8]      // the object
        ldr     x1, [sp, #208]      // &GOT[n]
        sub     x1, x1, x16
        lsr     x1, x1, #3
        sub     x1, x1, #1          // its relocation index
        bl      miniload_lazy_bind
        mov     x16, x0
        ldp     q6, q7, [sp, #176]
        ldp     q4, q5, [sp, #144]
        ldp     q2, q3, [sp, #112]
        ldp     q0, q1, [sp, #80]
        ldr     x8, [sp, #64]
        ldp     x6, x7, [sp, #48]
        ldp     x4, x5, [sp, #32]
        ldp     x2, x3, [sp, #16]
        ldp     x0, x1, [sp], #208
        ldp     x17, x30, [sp], #16 // drop &GOT[n]; the caller's return address
        br      x16
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor resolver for blocks allocated per thread (lib/tls.cpp):
// x0 points at the descriptor, whose second word is a (module, offset)
// pair; returns in x0 the variable's offset from the thread pointer. The
// caller counts on every register but x0 (and x30, which its call
// clobbered) surviving: those a C call may change are saved here (the C
// side touches no SIMD register).
        .globl  arch_tlsdesc_dynamic
        .hidden arch_tlsdesc_dynamic
        .type   arch_tlsdesc_dynamic, %function
        .p2align 2
arch_tlsdesc_dynamic:
        stp     x29, x30, [sp, #-160]!
        mov     x29, sp
        stp     x1, x2, [sp, #16]
        stp     x3, x4, [sp, #32]
        stp     x5, x6, [sp, #48]
        stp     x7, x8, [sp, #64]
        stp     x9, x10, [sp, #80]
        stp     x11, x12, [sp, #96]
        stp     x13, x14, [sp, #112]
        stp     x15, x16, [sp, #128]
        stp     x17, x18, [sp, #144]
        ldr     x0, [x0, #8]
        bl      miniload_tlsdesc_offset
        ldp     x1, x2, [sp, #16]
        ldp     x3, x4, [sp, #32]
        ldp     x5, x6, [sp, #48]
        ldp     x7, x8, [sp, #64]
        ldp     x9, x10, [sp, #80]
        ldp     x11, x12, [sp, #96]
        ldp     x13, x14, [sp, #112]
        ldp     x15, x16, [sp, #128]
        ldp     x17, x18, [sp, #144]
        ldp     x29, x30, [sp], #160
        ret
        .size   arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

        .section .note.GNU-stack, "", %progbits
