// The contract between the portable core and arch/<arch>/. The Makefile puts
// exactly one arch/<arch>/ on the include path; its arch.hpp must define, in
// namespace arch:
//
//   elf_class, elf_machine             the ELF class and e_machine we accept
//   machine_name, multiarch            for messages; the Debian triplet for
//                                      the system library directories
//   syscall6(n, a..f)                  the syscall instruction, -errno on error
//   sys_pread, sys_mmap                the two calls whose arguments differ
//   r_relative, uses_rela              the RELATIVE type and table format, for
//                                      self-relocation
//   classify(type) -> Reloc            machine relocation type to generic kind
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
// loader_main(sp)). Everything else about a CPU stays out of loader/.
#pragma once
#include "reloc_kinds.hpp"
#include "types.hpp"  // hidden visibility: start.S's functions are addressed PC-relative, not through a GOT

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

// The calling convention of the program's functions miniload calls
// (initialisers, finalisers, ifunc resolvers): the platform's C one. An arch
// whose build changes miniload's own convention defines it in arch.hpp.
#ifndef ARCH_C_CALL
#define ARCH_C_CALL
#endif
