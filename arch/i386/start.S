// Process entry and the final jump into the program. Stays in assembly until
// the initial stack pointer is in eax as loader_main's argument. miniload's
// C++ functions take their first three arguments in eax, edx and ecx
// (-mregparm=3), and so do the ones below that it calls.

        .section .text.start, "ax", @progbits
        .globl  _start
        .hidden _start
        .type   _start, @function
_start:
        call    self_relocate       // before any other code reads relocated data
        xor     %ebp, %ebp          // outermost frame
        mov     %esp, %eax          // argc, argv, envp, auxv
        call    loader_main         // esp 16-aligned at the call; never returns
        hlt
        .size   _start, . - _start

// arch_enter(sp = eax, entry = edx, fini = ecx)
        .text
        .globl  arch_enter
        .hidden arch_enter
        .type   arch_enter, @function
arch_enter:
        mov     %eax, %esp
        mov     %edx, %eax          // entry, the one register not cleared
        mov     %ecx, %edx          // fini
        xor     %ebx, %ebx
        xor     %ecx, %ecx
        xor     %esi, %esi
        xor     %edi, %edi
        xor     %ebp, %ebp
        jmp     *%eax
        .size   arch_enter, . - arch_enter

// Lazy binding. PLT0 has pushed GOT[1] (the object) over the byte offset of
// the relocation the PLT entry pushed; the caller's return address is above
// them. eax, edx and ecx may hold regparm arguments (eax also the tls_index
// of a ___tls_get_addr call), so they survive the binder; the other
// registers it preserves as any cdecl function does. The target's address
// replaces the offset word, so that `ret` jumps there with esp back at the
// caller's return address.
        .globl  arch_lazy_entry
        .hidden arch_lazy_entry
        .type   arch_lazy_entry, @function
arch_lazy_entry:
        push    %eax
        push    %edx
        push    %ecx
        mov     16(%esp), %edx      // byte offset into DT_JMPREL
        shr     $3, %edx            // sizeof(Elf32_Rel): the relocation index
        mov     12(%esp), %eax      // the object
        sub     $8, %esp            // esp 16-aligned at the call if it was at the PLT call
        call    miniload_lazy_bind  // (object, index)
        add     $8, %esp
        mov     %eax, 16(%esp)      // over the offset: where `ret` goes
        pop     %ecx
        pop     %edx
        pop     %eax
        add     $4, %esp            // the object
        ret
        .size   arch_lazy_entry, . - arch_lazy_entry

// TLS descriptor for static TLS: eax points at the descriptor; its second
// word is already the offset from the thread pointer. Nothing else changes.
        .globl  arch_tlsdesc_static
        .hidden arch_tlsdesc_static
        .type   arch_tlsdesc_static, @function
arch_tlsdesc_static:
        mov     4(%eax), %eax
        ret
        .size   arch_tlsdesc_static, . - arch_tlsdesc_static

// __tls_get_addr: the tls_index pointer on the stack, the C convention.
        .globl  arch_tls_get_addr
        .hidden arch_tls_get_addr
        .type   arch_tls_get_addr, @function
arch_tls_get_addr:
        mov     4(%esp), %eax
        jmp     miniload_tls_get_addr
        .size   arch_tls_get_addr, . - arch_tls_get_addr

// ___tls_get_addr: the tls_index pointer in eax (GNU regparm), what GCC's
// general- and local-dynamic code calls. eax, ecx and edx are the caller's
// to lose, as for any call.
        .globl  arch_tls_get_addr_regparm
        .hidden arch_tls_get_addr_regparm
        .type   arch_tls_get_addr_regparm, @function
arch_tls_get_addr_regparm:
        jmp     miniload_tls_get_addr   // which takes it in eax too
        .size   arch_tls_get_addr_regparm, . - arch_tls_get_addr_regparm

        .section .note.GNU-stack, "", @progbits
