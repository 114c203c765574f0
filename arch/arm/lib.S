// The library build's entry points (libminiload; the executable uses
// start.S's). In a host process the binder may call the host's resolver,
// ordinary code that is free to use the VFP registers carrying a lazily
// bound call's floating-point arguments under the hard-float ABI, d0..d7
// (s0..s15): so unlike start.S's, this lazy-binding entry saves them too.
// start.S is the executable's alone: a host has its own _start. ARM state.

        .syntax unified
        .arm
        .fpu    vfpv3-d16
        .text
        .globl  arch_lib_setup
        .hidden arch_lib_setup
        .type   arch_lib_setup, %function
        .p2align 2
arch_lib_setup:                     // nothing to learn about this machine
        bx      lr
        .size   arch_lib_setup, . - arch_lib_setup

// As start.S's: ip = &GOT[n], lr = &GOT[2], the caller's return address
// pushed by PLT0. r0..r3 and d0..d7 are saved (r4 only keeps sp 8-aligned).
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, %function
        .p2align 2
arch_lazy_entry:
        push    {r0-r4}
        vpush   {d0-d7}
        ldr     r0, [lr, #-4]       // the object
        sub     r1, ip, lr
        lsr     r1, r1, #2
        sub     r1, r1, #1          // its relocation index
        bl      miniload_lazy_bind
        mov     ip, r0
        vpop    {d0-d7}
        pop     {r0-r4, lr}         // lr: the caller's return address, off PLT0's push
        bx      ip                  // bit 0 of the target selects Thumb state
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor resolver for blocks allocated per thread (lib/tls.cpp):
// r0 points at the descriptor, whose first word (ARM puts the argument
// first) is a (module, offset) pair; returns in r0 the variable's offset
// from the thread pointer. Every other register is the caller's: those a C
// call may change are saved here (the C side touches no VFP register); r4
// keeps sp 8-aligned.
        .globl  arch_tlsdesc_dynamic
        .hidden arch_tlsdesc_dynamic
        .type   arch_tlsdesc_dynamic, %function
        .p2align 2
arch_tlsdesc_dynamic:
        push    {r1, r2, r3, r4, ip, lr}
        ldr     r0, [r0]
        bl      miniload_tlsdesc_offset
        pop     {r1, r2, r3, r4, ip, pc}
        .size   arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

        .section .note.GNU-stack, "", %progbits
