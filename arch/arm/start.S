// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in a register C++ can take as an argument.
// ARM state throughout; `bl` to Thumb code becomes `blx` at link time.

        .syntax unified
        .arm
        .section .text.start, "ax", %progbits
        .globl  _start
        .hidden _start
        .type   _start, %function
_start:
        mov     fp, #0              // outermost frame: no caller to unwind into
        mov     lr, #0
        mov     r0, sp              // argc, argv, envp, auxv; sp is 8-aligned
        bl      loader_main         // never returns
        udf     #0
        .size   _start, . - _start

// arch_enter(sp, entry, fini)
        .text
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, %function
        .p2align 2
arch_enter:
        mov     sp, r0
        mov     ip, r1              // entry, the one register not cleared
        mov     r0, r2
        mov     r1, #0
        mov     r2, #0
        mov     r3, #0
        mov     r4, #0
        mov     r5, #0
        mov     r6, #0
        mov     r7, #0
        mov     r8, #0
        mov     r9, #0
        mov     r10, #0
        mov     fp, #0
        mov     lr, #0
        bx      ip                  // bit 0 of the entry selects Thumb state
        .size   arch_enter, . - arch_enter

        .section .note.GNU-stack, "", %progbits
