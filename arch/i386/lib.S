// The library build's entry points (libminiload; the executable uses
// start.S's). In a host process the binder may call the host's resolver,
// ordinary code that is free to use the SSE registers that carry a lazily
// bound call's vector arguments (__m128 in xmm0..xmm2, with SSE): so unlike
// start.S's, this lazy-binding entry also saves the vector state, with
// xsave when the kernel enables it, else fxsave when the CPU has it (a
// CPU with neither has no SSE registers). arch_lib_setup asks cpuid once.
// start.S is the executable's alone: a host has its own _start.

        .text
        .globl  arch_lib_setup
        .hidden arch_lib_setup
        .type   arch_lib_setup, @function
arch_lib_setup:
        push    %ebx                // cpuid writes it; callee-saved
        push    %esi
        call    1f
1:      pop     %esi                // position-independent base for save_mode
        mov     $1, %eax
        cpuid
        xor     %eax, %eax
        bt      $27, %ecx           // OSXSAVE: the kernel manages xsave state
        jnc     2f
        mov     $0xd, %eax
        xor     %ecx, %ecx
        cpuid                       // ebx: bytes for the components enabled now
        mov     %ebx, %eax
        jmp     3f
2:      bt      $24, %edx           // FXSR
        jnc     3f
        mov     $1, %eax
3:      mov     %eax, save_mode-1b(%esi)
        pop     %esi
        pop     %ebx
        ret
        .size   arch_lib_setup, . - arch_lib_setup

// As start.S's: PLT0 has pushed GOT[1] (the object) over the byte offset of
// the relocation the PLT entry pushed; the caller's return address is above
// them. eax, edx and ecx (regparm arguments) survive the binder, as does the
// vector state; the target's address replaces the offset word, so that
// `ret` jumps there with esp back at the caller's return address.
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, @function
arch_lazy_entry:
        push    %ebp
        mov     %esp, %ebp          // 4(%ebp): object, 8(%ebp): offset
        push    %eax
        push    %edx
        push    %ecx
        push    %ebx
        call    1f
1:      pop     %ebx                // position-independent base for save_mode
        mov     save_mode-1b(%ebx), %ecx
        cmp     $1, %ecx
        jb      4f                  // 0: nothing to save
        je      2f                  // 1: fxsave
        sub     %ecx, %esp
        and     $-64, %esp          // xsave's alignment
        xor     %eax, %eax          // xrstor refuses a header with stray bits:
        mov     $16, %ecx           // clear its 64 bytes, xsave writes only some
3:      mov     %eax, 508(%esp,%ecx,4)
        loop    3b
        mov     $0xee, %eax         // SSE, AVX, MPX and AVX-512 state, as far as enabled
        xor     %edx, %edx
        xsave   (%esp)
        jmp     4f
2:      sub     $512, %esp
        and     $-16, %esp
        fxsave  (%esp)
4:      and     $-16, %esp
        sub     $8, %esp
        mov     8(%ebp), %eax
        shr     $3, %eax            // sizeof(Elf32_Rel)
        push    %eax                // relocation index
        push    4(%ebp)             // object
        call    miniload_lazy_bind  // esp is 16-aligned here
        mov     %eax, 8(%ebp)       // over the offset: where `ret` goes
        add     $16, %esp
        mov     save_mode-1b(%ebx), %ecx
        cmp     $1, %ecx
        jb      6f
        je      5f
        mov     $0xee, %eax
        xor     %edx, %edx
        xrstor  (%esp)
        jmp     6f
5:      fxrstor (%esp)
6:      lea     -16(%ebp), %esp
        pop     %ebx
        pop     %ecx
        pop     %edx
        pop     %eax
        pop     %ebp
        add     $4, %esp            // the object
        ret
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor resolver for blocks allocated per thread (lib/tls.cpp):
// eax points at the descriptor, whose second word is a (module, offset)
// pair; returns in eax the variable's offset from the thread pointer.
// Every other register is the caller's: ecx and edx are saved here, the
// rest a C function keeps.
        .globl  arch_tlsdesc_dynamic
        .hidden arch_tlsdesc_dynamic
        .type   arch_tlsdesc_dynamic, @function
arch_tlsdesc_dynamic:
        push    %ecx
        push    %edx
        push    4(%eax)
        call    miniload_tlsdesc_offset
        add     $4, %esp
        pop     %edx
        pop     %ecx
        ret
        .size   arch_tlsdesc_dynamic, . - arch_tlsdesc_dynamic

// __tls_get_addr: the tls_index pointer on the stack, the C convention,
// which is also this build's (no -mregparm).
        .globl  arch_tls_get_addr
        .hidden arch_tls_get_addr
        .type   arch_tls_get_addr, @function
arch_tls_get_addr:
        jmp     miniload_tls_get_addr
        .size   arch_tls_get_addr, . - arch_tls_get_addr

// ___tls_get_addr: the tls_index pointer in eax (GNU regparm), what GCC's
// general- and local-dynamic code calls; eax, ecx and edx are the caller's.
        .globl  arch_tls_get_addr_regparm
        .hidden arch_tls_get_addr_regparm
        .type   arch_tls_get_addr_regparm, @function
arch_tls_get_addr_regparm:
        sub     $8, %esp            // keeps esp 16-aligned across the call
        push    %eax
        call    miniload_tls_get_addr
        add     $12, %esp
        ret
        .size   arch_tls_get_addr_regparm, . - arch_tls_get_addr_regparm

        .bss
        .p2align 2
save_mode:                          // 0: none, 1: fxsave, else xsave's size
        .zero   4

        .section .note.GNU-stack, "", @progbits
