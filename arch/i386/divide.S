// The 64-bit unsigned division helpers GCC calls on i386, under libgcc's
// names and cdecl convention; miniload links no libgcc. Only diagnostics
// divide 64-bit numbers, so one quotient bit per round is fast enough. Each
// entry has its own section, so --gc-sections keeps only those called.

// divmod: n at 16(%esp), d at 24(%esp) (two words each, low first), as seen
// from an entry that pushed esi and edi. Quotient in edx:eax, remainder in
// edi:esi. Division by zero gives an all-ones quotient, never a trap.
        .section .text.divmod, "ax", @progbits
        .type   divmod, @function
divmod:
        mov     16(%esp), %eax
        mov     20(%esp), %edx
        xor     %esi, %esi
        xor     %edi, %edi
        mov     $64, %ecx
1:      add     %eax, %eax          // shift remainder:dividend left one bit
        adc     %edx, %edx
        adc     %esi, %esi
        adc     %edi, %edi
        jc      2f                  // the remainder outgrew 64 bits: it exceeds d
        cmp     28(%esp), %edi
        jb      3f
        ja      2f
        cmp     24(%esp), %esi
        jb      3f
2:      sub     24(%esp), %esi
        sbb     28(%esp), %edi
        inc     %eax                // the shift left this quotient bit clear
3:      dec     %ecx
        jnz     1b
        ret
        .size   divmod, . - divmod

// u64 __udivmoddi4(u64 n, u64 d, u64* rem)
        .section .text.__udivmoddi4, "ax", @progbits
        .globl  __udivmoddi4
        .hidden __udivmoddi4
        .type   __udivmoddi4, @function
__udivmoddi4:
        push    %esi
        push    %edi
        call    divmod
        mov     28(%esp), %ecx
        test    %ecx, %ecx
        jz      1f
        mov     %esi, (%ecx)
        mov     %edi, 4(%ecx)
1:      pop     %edi
        pop     %esi
        ret
        .size   __udivmoddi4, . - __udivmoddi4

// u64 __udivdi3(u64 n, u64 d)
        .section .text.__udivdi3, "ax", @progbits
        .globl  __udivdi3
        .hidden __udivdi3
        .type   __udivdi3, @function
__udivdi3:
        push    %esi
        push    %edi
        call    divmod
        pop     %edi
        pop     %esi
        ret
        .size   __udivdi3, . - __udivdi3

// u64 __umoddi3(u64 n, u64 d)
        .section .text.__umoddi3, "ax", @progbits
        .globl  __umoddi3
        .hidden __umoddi3
        .type   __umoddi3, @function
__umoddi3:
        push    %esi
        push    %edi
        call    divmod
        mov     %esi, %eax
        mov     %edi, %edx
        pop     %edi
        pop     %esi
        ret
        .size   __umoddi3, . - __umoddi3

        .section .note.GNU-stack, "", @progbits
