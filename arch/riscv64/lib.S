// The library build's entry points (libminiload; the executable uses
// start.S's). A host is RV64GC with the LP64D ABI, so the library is built
// for it too, and the host's resolver, which the binder may call, is free
// to use fa0..fa7: this lazy-binding entry saves them with the integer
// argument registers. start.S is the executable's alone: a host has its own
// _start.

        .text
        .globl  arch_lib_setup
        .hidden arch_lib_setup
        .type   arch_lib_setup, %function
arch_lib_setup:                     // nothing to learn about this machine
        ret
        .size   arch_lib_setup, . - arch_lib_setup

// As start.S's: t0 = the object, t1 = the entry's .got.plt offset (index
// * 8), ra = the caller's return address. a0..a7, ra and fa0..fa7 are saved
// in 144 bytes (sp stays 16-aligned).
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, %function
arch_lazy_entry:
        addi    sp, sp, -144
        sd      a0, 0(sp)
        sd      a1, 8(sp)
        sd      a2, 16(sp)
        sd      a3, 24(sp)
        sd      a4, 32(sp)
        sd      a5, 40(sp)
        sd      a6, 48(sp)
        sd      a7, 56(sp)
        sd      ra, 64(sp)
        fsd     fa0, 72(sp)
        fsd     fa1, 80(sp)
        fsd     fa2, 88(sp)
        fsd     fa3, 96(sp)
        fsd     fa4, 104(sp)
        fsd     fa5, 112(sp)
        fsd     fa6, 120(sp)
        fsd     fa7, 128(sp)
        mv      a0, t0              // object
        srli    a1, t1, 3           // relocation index
        call    miniload_lazy_bind
        mv      t1, a0
        fld     fa0, 72(sp)
        fld     fa1, 80(sp)
        fld     fa2, 88(sp)
        fld     fa3, 96(sp)
        fld     fa4, 104(sp)
        fld     fa5, 112(sp)
        fld     fa6, 120(sp)
        fld     fa7, 128(sp)
        ld      a0, 0(sp)
        ld      a1, 8(sp)
        ld      a2, 16(sp)
        ld      a3, 24(sp)
        ld      a4, 32(sp)
        ld      a5, 40(sp)
        ld      a6, 48(sp)
        ld      a7, 56(sp)
        ld      ra, 64(sp)
        addi    sp, sp, 144
        jr      t1
        .size   arch_lazy_entry, . - arch_lazy_entry

// Referenced by the relocation code, never installed: RISC-V has no TLS
// descriptor relocation miniload knows (its GNU toolchain makes none yet).
        .globl  arch_tlsdesc_dynamic
        .hidden arch_tlsdesc_dynamic
        .type   arch_tlsdesc_dynamic, %function
arch_tlsdesc_dynamic:
        ebreak
        .size   arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

        .section .note.GNU-stack, "", %progbits
