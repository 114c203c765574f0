// x86_64 — what miniload needs to know about this machine.
//
// ABI facts relied on:
// - syscall: number in rax, arguments in rdi, rsi, rdx, r10, r8, r9; the
//   instruction clobbers rcx and r11; the result (or -errno) comes back in rax.
// - process entry: rsp points at argc and is 16-byte aligned; rdx holds the
//   finaliser the program should register with atexit, 0 for none.
// - TLS variant II: blocks sit below the thread pointer (fs base), and the
//   TCB's first word points at itself. fs is set with arch_prctl(ARCH_SET_FS).
// - relocations are RELA; the loader itself is built -mgeneral-regs-only, so
//   the lazy-binding trampoline only needs to save integer argument registers.
#pragma once
#include <asm/unistd.h>

namespace arch {

constexpr unsigned char elf_class = 2;      // ELFCLASS64
constexpr unsigned short elf_machine = 62;  // EM_X86_64
constexpr char machine_name[] = "x86-64";
constexpr char multiarch[] = "x86_64-linux-gnu";

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
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
// the finaliser in rdx and every other register cleared, as the kernel does.
extern "C" [[noreturn]] void arch_enter(void* sp, unsigned long entry, unsigned long fini);

namespace arch {
constexpr unsigned r_relative = 8;  // R_X86_64_RELATIVE, all miniload itself may carry
}
