// The memory functions of the executable, in place of loader/mem.cpp (the
// Makefile takes an arch's mem.S when there is one): the string
// instructions do in a few bytes what loops of words do in a hundred.
// miniload is built with -mregparm=3 (arch.mk): the arguments come in eax,
// edx and ecx, and the compiler's own calls to these pass them so too.
// The ABI keeps the direction flag clear at every call and return.

        .section .text.memcpy, "ax", @progbits
        .globl  memcpy, memmove
        .hidden memcpy, memmove
        .type   memcpy, @function
        .type   memmove, @function
// memcpy(dst, src, n) and memmove share the copy; memmove copies backward
// only when dst lies inside [src, src + n): dst - src < n, unsigned.
memmove:
        push    %edi
        push    %esi
        mov     %eax, %edi
        mov     %edx, %esi
        sub     %edx, %eax
        cmp     %ecx, %eax
        mov     %edi, %eax
        jae     1f
        lea     -1(%esi,%ecx), %esi
        lea     -1(%edi,%ecx), %edi
        std
        jmp     1f
memcpy:
        push    %edi
        push    %esi
        mov     %eax, %edi
        mov     %edx, %esi
1:      rep movsb
        cld
        pop     %esi
        pop     %edi
        ret
        .size   memmove, memcpy - memmove
        .size   memcpy, . - memcpy

        .section .text.memset, "ax", @progbits
        .globl  memset
        .hidden memset
        .type   memset, @function
memset:
        push    %edi
        mov     %eax, %edi
        xchg    %eax, %edx          // the byte in al, dst kept in edx
        rep stosb
        mov     %edx, %eax
        pop     %edi
        ret
        .size   memset, . - memset

// memcmp: nothing in miniload calls it today, but the compiler may.
        .section .text.memcmp, "ax", @progbits
        .globl  memcmp
        .hidden memcmp
        .type   memcmp, @function
memcmp:
        push    %edi
        push    %esi
        mov     %eax, %edi
        mov     %edx, %esi
        xor     %eax, %eax          // ZF set: n == 0 compares nothing and is equal
        repe cmpsb
        je      1f
        movzbl  -1(%edi), %eax
        movzbl  -1(%esi), %ecx
        sub     %ecx, %eax
1:      pop     %esi
        pop     %edi
        ret
        .size   memcmp, . - memcmp

        .section .note.GNU-stack, "", @progbits
