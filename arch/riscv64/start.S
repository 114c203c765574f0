// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in a register C++ can take as an argument.

        .section .text.start, "ax", %progbits
        .globl  _start
        .hidden _start
        .type   _start, %function
_start:
        li      fp, 0               // outermost frame: no caller to unwind into
        li      ra, 0
        mv      a0, sp              // argc, argv, envp, auxv; sp is 16-aligned
        call    loader_main         // never returns
        ebreak
        .size   _start, . - _start

// arch_enter(sp, entry, fini)
// tp is left alone: it is the thread pointer miniload may have set up for the
// program, not a scratch register.
        .text
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, %function
arch_enter:
        mv      sp, a0
        mv      t0, a1              // entry, the one register not cleared
        mv      a0, a2
        li      ra, 0
        li      gp, 0
        li      t1, 0
        li      t2, 0
        li      s0, 0
        li      s1, 0
        li      a1, 0
        li      a2, 0
        li      a3, 0
        li      a4, 0
        li      a5, 0
        li      a6, 0
        li      a7, 0
        li      s2, 0
        li      s3, 0
        li      s4, 0
        li      s5, 0
        li      s6, 0
        li      s7, 0
        li      s8, 0
        li      s9, 0
        li      s10, 0
        li      s11, 0
        li      t3, 0
        li      t4, 0
        li      t5, 0
        li      t6, 0
        jr      t0
        .size   arch_enter, . - arch_enter

        .section .note.GNU-stack, "", %progbits
