// The memory functions of the executable, in place of loader/mem.cpp (the
// Makefile takes an arch's mem.S when there is one): the string
// instructions do in a few bytes what loops of words do in a hundred, and
// CPUs with fast string operations (ERMS) run them as fast for the sizes
// miniload moves: a page of .bss tail, the environment, a header.
// The ABI keeps the direction flag clear at every call and return.

        .section .text.memcpy, "ax", @progbits
        .globl  memcpy, memmove
        .hidden memcpy, memmove
        .type   memcpy, @function
        .type   memmove, @function
// memcpy(dst, src, n) and memmove when copying forward is safe.
memcpy:
        mov     %rdi, %rax
        mov     %rdx, %rcx
        rep movsb
        ret
        .size   memcpy, . - memcpy

// Backward only when dst lies inside [src, src + n): dst - src < n, unsigned.
memmove:
        mov     %rdi, %rax
        sub     %rsi, %rax
        cmp     %rdx, %rax
        jae     memcpy
        lea     -1(%rsi,%rdx), %rsi
        lea     -1(%rdi,%rdx), %rdi
        mov     %rdx, %rcx
        std
        rep movsb
        cld
        lea     1(%rdi), %rax       // dst: rdi stopped one below it
        ret
        .size   memmove, . - memmove

        .section .text.memset, "ax", @progbits
        .globl  memset
        .hidden memset
        .type   memset, @function
memset:
        mov     %rdi, %r8
        mov     %esi, %eax
        mov     %rdx, %rcx
        rep stosb
        mov     %r8, %rax
        ret
        .size   memset, . - memset

// memcmp: nothing in miniload calls it today, but the compiler may.
        .section .text.memcmp, "ax", @progbits
        .globl  memcmp
        .hidden memcmp
        .type   memcmp, @function
memcmp:
        xor     %eax, %eax          // ZF set: n == 0 compares nothing and is equal
        mov     %rdx, %rcx
        repe cmpsb
        je      1f
        movzbl  -1(%rdi), %eax
        movzbl  -1(%rsi), %ecx
        sub     %ecx, %eax
1:      ret
        .size   memcmp, . - memcmp

        .section .note.GNU-stack, "", @progbits
