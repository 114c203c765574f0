// The host "architecture" of the fuzz target: x86_64's ELF facts and
// relocation table, taken from arch/x86_64/arch.hpp itself, with every
// system call answered by tests/fuzz/host_os.cpp over an in-memory file.
//
// Only what touches the machine differs from the real port: no syscall
// instruction, no thread pointer, and ifunc resolvers are never called (the
// fuzz input's code is data here), so the core's checks run exactly as they
// do in miniload and nothing the input names is executed.
#pragma once
#include <asm/prctl.h>
#include <asm/unistd.h>

// The real port, in a namespace of its own; its macros' headers are already
// included above, so nothing but its declarations lands in there.
namespace x86_64_port {
#include "../../arch/x86_64/arch.hpp"
}

// Implemented in host_os.cpp, which does not see the loader's headers.
extern "C" long fuzz_syscall(long n, long a, long b, long c, long d, long e, long f);
extern "C" long fuzz_pread(int fd, void* buf, unsigned long n, unsigned long long off);
extern "C" long fuzz_mmap(void* addr, unsigned long len, int prot, int flags, int fd, unsigned long long off);

namespace arch {

using x86_64_port::arch::elf_class;
using x86_64_port::arch::elf_machine;
using x86_64_port::arch::machine_name;
using x86_64_port::arch::multiarch;
using x86_64_port::arch::r_relative;
using x86_64_port::arch::uses_rela;
using x86_64_port::arch::classify;
using x86_64_port::arch::unaligned_words;
using x86_64_port::arch::tls_variant;
using x86_64_port::arch::tcb_size;
using x86_64_port::arch::dtv_offset;
using x86_64_port::arch::init_tcb;
using x86_64_port::arch::builtin_symbol;
using x86_64_port::arch::set_lazy_entry;

// Shaped like the ports' syscall6<args>: the count only tells a real port
// which registers to set.
template <int args = 6>
inline long syscall6(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
    return fuzz_syscall(n, a, b, c, d, e, f);
}
inline long sys_pread(int fd, void* buf, unsigned long n, unsigned long long off) {
    return fuzz_pread(fd, buf, n, off);
}
inline long sys_mmap(void* addr, unsigned long len, int prot, int flags, int fd, unsigned long long off) {
    return fuzz_mmap(addr, len, prot, flags, fd, off);
}

inline unsigned long thread_pointer() { return 0; }
inline long set_thread_pointer(void*) { return 0; }

// The resolver address has passed the core's checks; its result is a value
// the relocation stores, so any recognisable one will do.
inline unsigned long call_ifunc(unsigned long resolver, const unsigned long*) { return resolver ^ 1; }

}  // namespace arch
