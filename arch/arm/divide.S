// The 32-bit unsigned division helpers GCC calls on ARM, under the run-time
// ABI's names and convention: ARMv7-A has no divide instruction (it is an
// optional extension) and miniload links no libgcc. The core divides by
// run-time values only to pick hash buckets and to print numbers, so one
// quotient bit per round is fast enough.

// __aeabi_uidivmod: n in r0, d in r1. Returns the quotient in r0 and the
// remainder in r1. __aeabi_uidiv is the same with the remainder unused.
// Division by zero gives an all-ones quotient, never a trap.
        .syntax unified
        .arm
        .section .text.__aeabi_uidivmod, "ax", %progbits
        .globl  __aeabi_uidivmod
        .hidden __aeabi_uidivmod
        .type   __aeabi_uidivmod, %function
        .globl  __aeabi_uidiv
        .hidden __aeabi_uidiv
        .type   __aeabi_uidiv, %function
        .p2align 2
__aeabi_uidiv:
__aeabi_uidivmod:
        mov     r2, #0              // the remainder
        mov     r3, #32
1:      adds    r0, r0, r0          // shift remainder:dividend left one bit
        adcs    r2, r2, r2
        cmpcc   r2, r1              // a carry out already means more than d;
                                    // else carry set means at least d
        subcs   r2, r2, r1
        orrcs   r0, r0, #1          // the shift left this quotient bit clear
        subs    r3, r3, #1
        bne     1b
        mov     r1, r2
        bx      lr
        .size   __aeabi_uidivmod, . - __aeabi_uidivmod
        .size   __aeabi_uidiv, . - __aeabi_uidiv

        .section .note.GNU-stack, "", %progbits
