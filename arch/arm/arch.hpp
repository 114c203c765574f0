// 32-bit ARM, EABI hard-float (armhf) — what miniload needs to know about this machine.
//
// ABI facts relied on:
// - syscall: `svc #0` with the number in r7 and arguments in r0..r5; the
//   result (or -errno) comes back in r0 and the kernel preserves every other
//   register. r7 is Thumb code's frame pointer, so the build omits frame
//   pointers to keep it free for the number.
// - 32-bit file offsets: a 64-bit argument goes in an even/odd register pair,
//   so pread64's offset skips r3 for r4:r5; mmap2 takes it in 4096-byte units.
// - process entry: sp points at argc and is 8-byte aligned (the kernel gives
//   16); r0 holds the finaliser to register with atexit, 0 for none. An entry
//   address with bit 0 set is Thumb code, which `bx` honours.
// - TLS variant I with an 8-byte TCB: the thread pointer points at the TCB and
//   the first module's block starts 8 bytes above (rounded to its alignment).
//   User code reads it from TPIDRURO; it is set with the __ARM_NR_set_tls syscall.
// - relocations are REL (the addend lives in the relocated word); the loader is
//   built -mgeneral-regs-only, so it never touches the VFP/NEON registers.
#pragma once
#include <asm/unistd.h>
#include <linux/errno.h>

namespace arch {

constexpr unsigned char elf_class = 1;      // ELFCLASS32
constexpr unsigned short elf_machine = 40;  // EM_ARM
constexpr char machine_name[] = "ARM";
constexpr char multiarch[] = "arm-linux-gnueabihf";

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
    register long r7 __asm__("r7") = n;
    register long r0 __asm__("r0") = a;
    register long r1 __asm__("r1") = b;
    register long r2 __asm__("r2") = c;
    register long r3 __asm__("r3") = d;
    register long r4 __asm__("r4") = e;
    register long r5 __asm__("r5") = f;
    __asm__ volatile("svc #0"
                     : "+r"(r0)
                     : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
                     : "memory");
    return r0;
}

inline long sys_pread(int fd, void* buf, unsigned long n, unsigned long long off) {
    return syscall6(__NR_pread64, fd, (long)buf, (long)n, 0, (long)(unsigned)off, (long)(off >> 32));
}
// mmap2 counts the offset in 4096-byte units whatever the page size; refuse
// what it cannot express rather than map the wrong bytes.
inline long sys_mmap(void* addr, unsigned long len, int prot, int flags, int fd,
                     unsigned long long off) {
    if (off & 4095 || off >> 44) return -EINVAL;
    return syscall6(__NR_mmap2, (long)addr, (long)len, prot, flags, fd, (long)(off >> 12));
}

}  // namespace arch

// Defined in start.S: switch to the program's stack and jump to its entry with
// the finaliser in r0 and every other register cleared, as the kernel does.
extern "C" [[noreturn]] void arch_enter(void* sp, unsigned long entry, unsigned long fini);

namespace arch {
constexpr unsigned r_relative = 23;  // R_ARM_RELATIVE, all miniload itself may carry
}
