// The contract between the portable core and arch/<arch>/. The Makefile puts
// exactly one arch/<arch>/ on the include path; its arch.hpp must define, in
// namespace arch:
//
//   elf_class, elf_machine, machine_name, multiarch   what files we accept
//   syscall6, sys_pread, sys_mmap                     the syscall instruction
//   r_relative                                        for self-relocation
//   classify(type) -> Reloc                           machine relocation type to kind
//   reloc_type_name(type) not required: messages print the number
//   tls_variant (1 or 2), tcb_size, dtv_offset        the TLS ABI
//   thread_pointer(), set_thread_pointer(tp, err)     read and set the thread pointer
//   init_tcb(tp, random)                              fill the TCB fields code may read
//   tls_get_addr_name                                 the name ld.so would define
//   set_lazy_entry(got, handle)                       GOT words the PLT header reads
//
// and its start.S the extern "C" functions below. Everything else about a
// CPU stays out of loader/.
#pragma once
#include "reloc_kinds.hpp"

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
