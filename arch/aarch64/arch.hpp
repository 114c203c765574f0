// AArch64 — what miniload needs to know about this machine.
//
// ABI facts relied on:
// - syscall: `svc #0` with the number in x8 and arguments in x0..x5; the result
//   (or -errno) comes back in x0 and the kernel preserves every other register.
// - process entry: sp points at argc and is 16-byte aligned (the hardware
//   faults on a misaligned sp); x0 holds the finaliser to register with
//   atexit, 0 for none.
// - TLS variant I with a 16-byte TCB: the thread pointer (tpidr_el0, set with
//   msr) points at the TCB and the first module's block starts 16 bytes above.
// - relocations are RELA; the loader is built -mgeneral-regs-only, so it never
//   touches the FP/SIMD registers that carry floating-point arguments.
#pragma once
#include <asm/unistd.h>

namespace arch {

constexpr unsigned char elf_class = 2;      // ELFCLASS64
constexpr unsigned short elf_machine = 183; // EM_AARCH64
constexpr char machine_name[] = "AArch64";
constexpr char multiarch[] = "aarch64-linux-gnu";

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
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
// the finaliser in x0 and every other register cleared, as the kernel does.
extern "C" [[noreturn]] void arch_enter(void* sp, unsigned long entry, unsigned long fini);

namespace arch {
constexpr unsigned r_relative = 1027;  // R_AARCH64_RELATIVE, all miniload itself may carry
}
