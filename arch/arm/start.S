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
        bl      self_relocate       // before any other code reads relocated data
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

// Lazy binding. PLTn left ip = &GOT[n]; PLT0 pushed the caller's return
// address and left lr = &GOT[2], so GOT[1], the object, is at lr - 4 and the
// slot's JMPREL index is n - 3 = (&GOT[n] - &GOT[2]) / 4 - 1. r0..r3 carry
// arguments and are saved around the call; r4 is callee-saved and pushed only
// so that, with PLT0's word, sp is 8-aligned again for the call. The VFP/NEON
// argument registers are left alone: miniload is built -mgeneral-regs-only.
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, %function
        .p2align 2
arch_lazy_entry:
        push    {r0-r4}
        ldr     r0, [lr, #-4]       // the object
        sub     r1, ip, lr
        lsr     r1, r1, #2
        sub     r1, r1, #1          // its relocation index
        bl      miniload_lazy_bind
        mov     ip, r0
        pop     {r0-r4, lr}         // lr: the caller's return address, off PLT0's push
        bx      ip                  // bit 0 of the target selects Thumb state
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor for static TLS: r0 points at the descriptor, whose first
// word (ARM puts the argument first) is already the offset from the thread
// pointer. Only r0 changes; the caller expects the rest but r1 and lr kept.
        .globl  arch_tlsdesc_static
        .hidden arch_tlsdesc_static
        .type   arch_tlsdesc_static, %function
        .p2align 2
arch_tlsdesc_static:
        ldr     r0, [r0]
        bx      lr
        .size   arch_tlsdesc_static, . - arch_tlsdesc_static

        .section .note.GNU-stack, "", %progbits
