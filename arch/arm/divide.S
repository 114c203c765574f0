// The 64-bit unsigned division helper GCC calls on ARM, under the run-time
// ABI's name and convention; miniload links no libgcc. Only diagnostics
// divide 64-bit numbers, so one quotient bit per round is fast enough.

// __aeabi_uldivmod: n in r0:r1, d in r2:r3 (low word first). Returns the
// quotient in r0:r1 and the remainder in r2:r3. Division by zero gives an
// all-ones quotient, never a trap.
        .syntax unified
        .arm
        .section .text.__aeabi_uldivmod, "ax", %progbits
        .globl  __aeabi_uldivmod
        .hidden __aeabi_uldivmod
        .type   __aeabi_uldivmod, %function
        .p2align 2
__aeabi_uldivmod:
        push    {r4, r5, r6, lr}
        mov     r4, #0              // remainder in r5:r4
        mov     r5, #0
        mov     r6, #64
1:      adds    r0, r0, r0          // shift remainder:dividend left one bit
        adcs    r1, r1, r1
        adcs    r4, r4, r4
        adcs    r5, r5, r5
        bcs     2f                  // the remainder outgrew 64 bits: it exceeds d
        cmp     r5, r3
        cmpeq   r4, r2
        blo     3f
2:      subs    r4, r4, r2
        sbc     r5, r5, r3
        orr     r0, r0, #1          // the shift left this quotient bit clear
3:      subs    r6, r6, #1
        bne     1b
        mov     r2, r4
        mov     r3, r5
        pop     {r4, r5, r6, pc}
        .size   __aeabi_uldivmod, . - __aeabi_uldivmod

        .section .note.GNU-stack, "", %progbits
