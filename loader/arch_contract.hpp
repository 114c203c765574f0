// The contract between the portable core and arch/<arch>/. The Makefile puts
// exactly one arch/<arch>/ on the include path; its arch.hpp must define, in
// namespace arch:
//
//   elf_class, elf_machine             the ELF class and e_machine we accept
//   machine_name, multiarch            for messages; the Debian triplet for
//                                      the system library directories
//   syscall6<args>(n, a..f)            the syscall instruction, -errno on
//                                      error; sets only the first `args`
//                                      argument registers (ARCH_SYSCALL_ARG)
//   sys_pread, sys_mmap                the two calls whose arguments differ
//   r_relative, uses_rela              the RELATIVE type and table format, for
//                                      self-relocation
//   classify(type) -> Reloc            machine relocation type to generic kind
//   unaligned_words                    whether unaligned word loads are cheap
//   tls_variant (1 or 2), tcb_size     the TLS layout (see loader/tls.cpp)
//   dtv_offset                         subtracted by DTPOFF, added back by
//                                      __tls_get_addr (0x800 on RISC-V)
//   thread_pointer()                   read it
//   set_thread_pointer(tp) -> -errno   set it for the program
//   init_tcb(tp, at_random)            fill the TCB words code may read
//   builtin_symbol(name) -> address    what ld.so would define (__tls_get_addr)
//   call_ifunc(resolver, auxv_by_tag)  the ABI's ifunc resolver arguments
//   set_lazy_entry(got, handle)        the GOT words the PLT header reads
//
// and its start.S the extern "C" functions below (plus _start, which calls
// self_relocate() and then loader_main(sp)). Everything else about a CPU
// stays out of loader/.
//
// arch_tls_get_addr may live in a file of its own (tls_get_addr.S) that both
// builds assemble, where its calling convention is the same in both.
//
// An arch may bring the executable's memcpy, memmove, memset and memcmp in a
// mem.S (x86: the string instructions, far smaller than loops); the Makefile
// then leaves loader/mem.cpp out. The library keeps lib/mem.cpp.
//
// libminiload (lib/) assembles the arch's lib.S instead of start.S. It
// defines arch_lazy_entry and arch_tls_get_addr as below, except that the
// lazy-binding entry also saves the registers that carry floating-point and
// vector arguments (the host's resolver may run inside it);
// arch_tlsdesc_dynamic, the descriptor resolver for blocks allocated per
// thread (lib/tls.cpp); and arch_lib_setup(), called once before the first
// load, for what that entry must learn about the CPU (x86: the size of the
// xsave area).
//
// An arch may build miniload with a cheaper calling convention than its
// psABI's for miniload's own calls (i386: arguments in registers). Then its
// start.S calls and implements the functions below in that convention, and
// arch.hpp defines ARCH_PSABI, the attribute for pointers to functions that
// the program's compiler built (initialisers, finalisers); it is empty
// elsewhere.
#pragma once
#include "reloc_kinds.hpp"
#include "types.hpp"  // hidden visibility: start.S's functions are addressed PC-relative, not through a GOT

// In syscall6<args>: binds `var` to register `reg` and gives it `value` when
// the call takes more than `index` arguments. The kernel reads no argument
// register a call does not take, so the others keep whatever they hold: an
// empty asm stands for their value, and no instruction is spent on zeros.
#define ARCH_SYSCALL_ARG(var, reg, index, value) \
    register long var __asm__(reg);              \
    if constexpr (args > index) var = value;     \
    else __asm__ volatile("" : "=r"(var))

extern "C" {
// Switch to the program's stack and jump to its entry, with `fini` in the
// ABI's finaliser register and every other register cleared.
[[noreturn]] void arch_enter(void* sp, unsigned long entry, unsigned long fini);
// The PLT header jumps here on a lazy call: saves the argument registers, calls
// miniload_lazy_bind(handle, index) and tail-calls what it returns.
void arch_lazy_entry();
// A TLS descriptor resolver for static TLS: returns the descriptor's second
// word, the variable's offset from the thread pointer.
void arch_tlsdesc_static();
// The arch's __tls_get_addr flavour; calls miniload_tls_get_addr when its
// calling convention is not the C one.
void arch_tls_get_addr();
}

#include "arch.hpp"

#ifndef ARCH_PSABI
#define ARCH_PSABI
#endif
