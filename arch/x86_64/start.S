// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in a register C++ can take as an argument.

        .section .text.start, "ax", @progbits
        .globl  _start
        .hidden _start
        .type   _start, @function
_start:
        xor     %ebp, %ebp          // outermost frame
        mov     %rsp, %rdi          // argc, argv, envp, auxv
        call    loader_main         // rsp is 16-aligned here; never returns
        hlt
        .size   _start, . - _start

// arch_enter(sp, entry, fini)
        .text
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, @function
arch_enter:
        mov     %rdi, %rsp
        mov     %rsi, %rax          // entry, cleared only after the jump target is taken
        xor     %ebx, %ebx
        xor     %ecx, %ecx
        xor     %esi, %esi
        xor     %edi, %edi
        xor     %ebp, %ebp
        xor     %r8d, %r8d
        xor     %r9d, %r9d
        xor     %r10d, %r10d
        xor     %r11d, %r11d
        xor     %r12d, %r12d
        xor     %r13d, %r13d
        xor     %r14d, %r14d
        xor     %r15d, %r15d
        jmp     *%rax
        .size   arch_enter, . - arch_enter

        .section .note.GNU-stack, "", @progbits
