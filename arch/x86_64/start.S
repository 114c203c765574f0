// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in a register C++ can take as an argument.

        .section .text.start, "ax", @progbits
        .globl  _start
        .hidden _start
        .type   _start, @function
_start:
        call    self_relocate       // before any other code reads relocated data
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

// Lazy binding. PLT0 has pushed GOT[1] (the object) over the relocation
// index the PLT entry pushed; the caller's return address is above them.
// Only integer argument registers (and rax, the vector-argument count of a
// variadic call) are saved: miniload is built -mgeneral-regs-only, so the
// binder never touches vector registers.
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, @function
arch_lazy_entry:
        push    %rax
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %r8
        push    %r9
        push    %r10
        sub     $8, %rsp            // 16-byte alignment for the call
        mov     72(%rsp), %rdi      // object
        mov     80(%rsp), %rsi      // relocation index
        call    miniload_lazy_bind
        mov     %rax, %r11
        add     $8, %rsp
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        pop     %rax
        add     $16, %rsp           // object and index
        jmp     *%r11
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor for static TLS: rax points at the descriptor; its second
// word is already the offset from the thread pointer.
        .globl  arch_tlsdesc_static
        .hidden arch_tlsdesc_static
        .type   arch_tlsdesc_static, @function
arch_tlsdesc_static:
        mov     8(%rax), %rax
        ret
        .size   arch_tlsdesc_static, . - arch_tlsdesc_static

        .section .note.GNU-stack, "", @progbits
