// The library build's lazy-binding entry (libminiload; the executable uses
// start.S's). In a host process the binder may call the host's resolver,
// ordinary code that is free to use the vector registers carrying a lazily
// bound call's floating-point and vector arguments (xmm0-7, and the upper
// halves of ymm0-7 and zmm0-7). So this entry saves the vector state too:
// with xsave when the kernel enables it, sized by cpuid once in
// arch_lib_setup, else with fxsave (the SSE state every x86_64 has).
// start.S is the executable's alone: a host has its own _start.

        .text
        .globl  arch_lib_setup
        .hidden arch_lib_setup
        .type   arch_lib_setup, @function
arch_lib_setup:
        push    %rbx                // cpuid writes it; callee-saved
        mov     $1, %eax
        cpuid
        xor     %eax, %eax
        bt      $27, %ecx           // OSXSAVE: the kernel manages xsave state
        jnc     1f
        mov     $0xd, %eax
        xor     %ecx, %ecx
        cpuid                       // ebx: bytes for the components enabled now
        mov     %ebx, %eax
1:      mov     %eax, xsave_size(%rip)
        pop     %rbx
        ret
        .size   arch_lib_setup, . - arch_lib_setup

// PLT0 has pushed GOT[1] (the object) over the relocation index the PLT
// entry pushed; the caller's return address is above them.
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, @function
arch_lazy_entry:
        push    %rbx
        mov     %rsp, %rbx          // 8(%rbx): object, 16(%rbx): index
        push    %rax                // the vector-argument count of a variadic call
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %r8
        push    %r9
        push    %r10                // the static chain
        mov     xsave_size(%rip), %ecx
        test    %ecx, %ecx
        jz      1f
        sub     %rcx, %rsp
        and     $-64, %rsp          // xsave's alignment
        xor     %eax, %eax          // xrstor refuses a header with stray bits:
        mov     %rax, 512(%rsp)     // clear its 64 bytes, xsave writes only some
        mov     %rax, 520(%rsp)
        mov     %rax, 528(%rsp)
        mov     %rax, 536(%rsp)
        mov     %rax, 544(%rsp)
        mov     %rax, 552(%rsp)
        mov     %rax, 560(%rsp)
        mov     %rax, 568(%rsp)
        mov     $0xee, %eax         // SSE, AVX, MPX and AVX-512 state, as far as enabled
        xor     %edx, %edx
        xsave   (%rsp)
        jmp     2f
1:      sub     $512, %rsp
        and     $-16, %rsp
        fxsave  (%rsp)
2:      mov     8(%rbx), %rdi
        mov     16(%rbx), %rsi
        call    miniload_lazy_bind  // rsp is 16-aligned here
        mov     %rax, %r11
        cmpl    $0, xsave_size(%rip)
        je      3f
        mov     $0xee, %eax
        xor     %edx, %edx
        xrstor  (%rsp)
        jmp     4f
3:      fxrstor (%rsp)
4:      lea     -64(%rbx), %rsp
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        pop     %rax
        pop     %rbx
        add     $16, %rsp           // object and index
        jmp     *%r11
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor resolver for blocks allocated per thread (lib/tls.cpp):
// rax points at the descriptor, whose second word is a (module, offset)
// pair; returns in rax the variable's offset from %fs:0. Every other
// register is the caller's: those a C call may change are saved here (the
// C side touches no vector register), and the stack may be unaligned.
        .globl  arch_tlsdesc_dynamic
        .hidden arch_tlsdesc_dynamic
        .type   arch_tlsdesc_dynamic, @function
arch_tlsdesc_dynamic:
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        mov     8(%rax), %rdi
        call    miniload_tlsdesc_offset
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        ret
        .size   arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

        .bss
        .p2align 2
xsave_size:                         // 0: no xsave, use fxsave
        .zero   4

        .section .note.GNU-stack, "", @progbits
