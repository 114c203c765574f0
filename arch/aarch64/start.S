// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in a register C++ can take as an argument.

        .section .text.start, "ax", %progbits
        .globl  _start
        .hidden _start
        .type   _start, %function
_start:
        mov     x29, #0             // outermost frame: no caller to unwind into
        mov     x30, #0
        mov     x0, sp              // argc, argv, envp, auxv; sp is 16-aligned
        bl      loader_main         // never returns
        brk     #0
        .size   _start, . - _start

// arch_enter(sp, entry, fini)
        .text
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, %function
        .p2align 2
arch_enter:
        mov     sp, x0
        mov     x16, x1             // x16: a BTI-guarded entry accepts `br x16` at `bti c`
        mov     x0, x2
        mov     x1, #0
        mov     x2, #0
        mov     x3, #0
        mov     x4, #0
        mov     x5, #0
        mov     x6, #0
        mov     x7, #0
        mov     x8, #0
        mov     x9, #0
        mov     x10, #0
        mov     x11, #0
        mov     x12, #0
        mov     x13, #0
        mov     x14, #0
        mov     x15, #0
        mov     x17, #0
        mov     x18, #0
        mov     x19, #0
        mov     x20, #0
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        mov     x24, #0
        mov     x25, #0
        mov     x26, #0
        mov     x27, #0
        mov     x28, #0
        mov     x29, #0
        mov     x30, #0
        br      x16
        .size   arch_enter, . - arch_enter

        .section .note.GNU-stack, "", %progbits
