// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in a register C++ can take as an argument.

        .section .text.start, "ax", %progbits
        .globl  _start
        .hidden _start
        .type   _start, %function
_start:
        call    self_relocate       // before any other code reads relocated data
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

// Lazy binding. The PLT header left the object in t0 and the entry's
// .got.plt offset (index * 8) in t1; ra is the caller's own return address.
// a0..a7 are saved around the binder, and ra because the call overwrites it.
// fa0..fa7 are not: miniload is built without F and D, so nothing it runs
// can touch them.
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, %function
arch_lazy_entry:
        addi    sp, sp, -80         // nine words, rounded up to keep sp 16-aligned
        sd      a0, 0(sp)
        sd      a1, 8(sp)
        sd      a2, 16(sp)
        sd      a3, 24(sp)
        sd      a4, 32(sp)
        sd      a5, 40(sp)
        sd      a6, 48(sp)
        sd      a7, 56(sp)
        sd      ra, 64(sp)
        mv      a0, t0              // object
        srli    a1, t1, 3           // relocation index
        call    miniload_lazy_bind
        mv      t1, a0
        ld      a0, 0(sp)
        ld      a1, 8(sp)
        ld      a2, 16(sp)
        ld      a3, 24(sp)
        ld      a4, 32(sp)
        ld      a5, 40(sp)
        ld      a6, 48(sp)
        ld      a7, 56(sp)
        ld      ra, 64(sp)
        addi    sp, sp, 80
        jr      t1
        .size   arch_lazy_entry, . - arch_lazy_entry

// This GCC emits no TLS descriptors for RISC-V, so no R_RISCV_TLSDESC is
// classified and nothing installs this resolver; it exists for the contract.
// It follows the later psABI all the same: the call is `jalr t0, 0(a1)` with
// the descriptor in a0, so the return address is in t0, not ra, and the
// offset from tp comes back in a0.
        .globl  arch_tlsdesc_static
        .hidden arch_tlsdesc_static
        .type   arch_tlsdesc_static, %function
arch_tlsdesc_static:
        ld      a0, 8(a0)
        jr      t0
        .size   arch_tlsdesc_static, . - arch_tlsdesc_static

        .section .note.GNU-stack, "", %progbits
