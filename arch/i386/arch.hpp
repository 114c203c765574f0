// i386 — what miniload needs to know about this machine.
//
// ABI facts relied on:
// - syscall: `int $0x80` with the number in eax and arguments in ebx, ecx,
//   edx, esi, edi, ebp; the result (or -errno) comes back in eax and the
//   kernel preserves every other register. ebp may be the frame pointer, so
//   it cannot be an asm operand: the sixth argument is swapped in by hand.
// - 32-bit file offsets: pread64 takes the 64-bit offset as two registers,
//   low word first; mmap2 takes it in 4096-byte units.
// - process entry: esp points at argc and is 16-byte aligned; edx holds the
//   finaliser to register with atexit, 0 for none.
// - TLS variant II: blocks sit below the thread pointer and the TCB's first
//   word points at itself; the thread pointer is the base of the segment in
//   gs, a GDT entry installed with set_thread_area.
// - relocations are REL (the addend lives in the relocated word); the loader is
//   built -mgeneral-regs-only, so it never touches x87, MMX or SSE registers.
#pragma once
#include <asm/unistd.h>
#include <linux/errno.h>

namespace arch {

constexpr unsigned char elf_class = 1;      // ELFCLASS32
constexpr unsigned short elf_machine = 3;   // EM_386
constexpr char machine_name[] = "Intel 80386";
constexpr char multiarch[] = "i386-linux-gnu";

inline long syscall6(long n, long a, long b, long c, long d, long e, long f) {
    long ret;
    // ebp is zeroed, not left stale, even for a 0: mmap2 range-checks its
    // offset before it finds the mapping anonymous.
    if (__builtin_constant_p(f) && f == 0) {
        __asm__ volatile("push %%ebp\n\t"
                         "xor %%ebp, %%ebp\n\t"
                         "int $0x80\n\t"
                         "pop %%ebp"
                         : "=a"(ret)
                         : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                         : "memory", "cc");
        return ret;
    }
    // f is pushed before esp moves, so an esp-relative operand still names it;
    // should the compiler put f in ebp itself, the push takes it from there.
    __asm__ volatile("push %7\n\t"
                     "push %%ebp\n\t"
                     "mov 4(%%esp), %%ebp\n\t"
                     "int $0x80\n\t"
                     "pop %%ebp\n\t"
                     "add $4, %%esp"
                     : "=a"(ret)
                     : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "g"(f)
                     : "memory", "cc");
    return ret;
}

inline long sys_pread(int fd, void* buf, unsigned long n, unsigned long long off) {
    return syscall6(__NR_pread64, fd, (long)buf, (long)n, (long)(unsigned)off, (long)(off >> 32), 0);
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
// the finaliser in edx and every other register cleared, as the kernel does.
extern "C" [[noreturn]] void arch_enter(void* sp, unsigned long entry, unsigned long fini);

namespace arch {
constexpr unsigned r_relative = 8;  // R_386_RELATIVE, all miniload itself may carry
}
