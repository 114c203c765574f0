// RISC-V 64 (programs are RV64GC, LP64D) — what miniload needs to know about this machine.
//
// ABI facts relied on:
// - syscall: `ecall` with the number in a7 and arguments in a0..a5; the result
//   (or -errno) comes back in a0 and the kernel preserves every other register.
// - process entry: sp points at argc and is 16-byte aligned; a0 holds the
//   finaliser to register with atexit, 0 for none. gp is the program's to set
//   (its _start loads __global_pointer$); miniload itself never uses gp, as
//   its linker script defines no __global_pointer$ to relax against.
// - TLS variant I without a TCB: tp points at the first module's block, and
//   DTV-relative offsets are biased by DTV_OFFSET 0x800.
// - relocations are RELA; the loader is built for RV64IMAC with the LP64 ABI,
//   so it has no floating-point instructions and never touches fa0..fa7.
#pragma once
#include <asm/unistd.h>

namespace arch {

constexpr unsigned char elf_class = 2;      // ELFCLASS64
constexpr unsigned short elf_machine = 243; // EM_RISCV
constexpr char machine_name[] = "RISC-V";
constexpr char multiarch[] = "riscv64-linux-gnu";

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
    register long a7 __asm__("a7") = n;
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a5 __asm__("a5") = f;
    __asm__ volatile("ecall"
                     : "+r"(a0)
                     : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
                     : "memory");
    return a0;
}

// 64-bit machines pass file offsets in one register and mmap takes bytes.
inline long sys_pread(int fd, void* buf, unsigned long n, unsigned long long off) {
    return syscall6(__NR_pread64, fd, (long)buf, (long)n, (long)off, 0, 0);
}
inline long sys_mmap(void* addr, unsigned long len, int prot, int flags, int fd,
                     unsigned long long off) {
    return syscall6(__NR_mmap, (long)addr, (long)len, prot, flags, fd, (long)off);
}

}  // namespace arch

// Defined in start.S: switch to the program's stack and jump to its entry with
// the finaliser in a0 and every other register cleared, as the kernel does.
extern "C" [[noreturn]] void arch_enter(void* sp, unsigned long entry, unsigned long fini);

namespace arch {
constexpr unsigned r_relative = 3;  // R_RISCV_RELATIVE, all miniload itself may carry
}
