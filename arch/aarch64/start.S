// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in a register C++ can take as an argument.

        .section .text.start, "ax", %progbits
        .globl  _start
        .hidden _start
        .type   _start, %function
_start:
        bl      self_relocate       // before any other code reads relocated data
        mov     x29, #0             // outermost frame: no caller to unwind into
        mov     x30, #0
        mov     x0, sp              // argc, argv, envp, auxv; sp is 16-aligned
        bl      loader_main         // never returns
        brk     #0
        .size   _start, . - _start

// arch_enter(sp, entry, fini). Every other register starts at 0, as after
// execve: loaded two at a time from a pair of zero words, half the bytes of
// one mov per register.
        .text
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, %function
        .p2align 3
arch_enter:
        mov     sp, x0
        mov     x16, x1             // x16: a BTI-guarded entry accepts `br x16` at `bti c`
        mov     x0, x2              // the finaliser, the one register the ABI gives a meaning
        mov     x29, #0             // no frame and no return address above the entry
        mov     x30, #0
        br      x16
        .size   arch_enter, . - arch_enter

// Lazy binding. PLT0 has pushed (x16, x30): [sp] = &GOT[n] of the slot being
// bound, [sp + 8] = the caller's return address, still in x30 too. It left
// x16 = &GOT[2], so GOT[1], the object, is at x16 - 8, and the slot's JMPREL
// index is n - 3 = (&GOT[n] - &GOT[2]) / 8 - 1. x0..x7 carry arguments and
// x8 the address of a returned struct; they are saved around the call, in
// 80 bytes so that sp stays 16-aligned. FP/SIMD argument registers are left
// alone: miniload is built -mgeneral-regs-only and never touches them.
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, %function
        .p2align 2
arch_lazy_entry:
        stp     x0, x1, [sp, #-80]!
        stp     x2, x3, [sp, #16]
        stp     x4, x5, [sp, #32]
        stp     x6, x7, [sp, #48]
        str     x8, [sp, #64]
        ldur    x0, [x16, #-8]      // the object
        ldr     x1, [sp, #80]       // &GOT[n]
        sub     x1, x1, x16
        lsr     x1, x1, #3
        sub     x1, x1, #1          // its relocation index
        bl      miniload_lazy_bind
        mov     x16, x0             // br x16 also passes a BTI `bti c` landing pad
        ldr     x8, [sp, #64]
        ldp     x6, x7, [sp, #48]
        ldp     x4, x5, [sp, #32]
        ldp     x2, x3, [sp, #16]
        ldp     x0, x1, [sp], #80
        ldp     x17, x30, [sp], #16 // drop &GOT[n]; the caller's return address
        br      x16
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor for static TLS: x0 points at the descriptor, whose second
// word is already the offset from the thread pointer. The caller counts on
// every register but x0 (and x30, which its call clobbered) surviving.
        .globl  arch_tlsdesc_static
        .hidden arch_tlsdesc_static
        .type   arch_tlsdesc_static, %function
        .p2align 2
arch_tlsdesc_static:
        ldr     x0, [x0, #8]
        ret
        .size   arch_tlsdesc_static, . - arch_tlsdesc_static

        .section .note.GNU-stack, "", %progbits
