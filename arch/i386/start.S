// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is on the stack as loader_main's argument.

        .section .text.start, "ax", @progbits
        .globl  _start
        .hidden _start
        .type   _start, @function
_start:
        xor     %ebp, %ebp          // outermost frame
        mov     %esp, %eax          // argc, argv, envp, auxv; esp is 16-aligned
        sub     $12, %esp           // so that esp is 16-aligned again at the call
        push    %eax
        call    loader_main         // never returns
        hlt
        .size   _start, . - _start

// arch_enter(sp, entry, fini)
        .text
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, @function
arch_enter:
        mov     8(%esp), %eax       // entry, the one register not cleared
        mov     12(%esp), %edx
        mov     4(%esp), %esp
        xor     %ebx, %ebx
        xor     %ecx, %ecx
        xor     %esi, %esi
        xor     %edi, %edi
        xor     %ebp, %ebp
        jmp     *%eax
        .size   arch_enter, . - arch_enter

        .section .note.GNU-stack, "", @progbits
