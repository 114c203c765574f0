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
// - relocations are REL: the addend lives in the relocated word, except that
//   GLOB_DAT and JUMP_SLOT take none. ABS32 is S + A, REL32 is S + A - P.
//   A Thumb function's st_value has bit 0 set, so S already carries the state
//   that `bx`, `blx` and `ldr pc` switch to.
// - lazy binding: .got.plt is GOT[0] = _DYNAMIC, GOT[1] = the object,
//   GOT[2] = the trampoline, then one slot per JMPREL entry in order. PLTn
//   leaves ip = &GOT[n] and loads pc from it; PLT0 pushes lr (the caller's
//   return address) and loads pc from GOT[2] with writeback, so lr = &GOT[2].
// - TLS descriptors (-mtls-dialect=gnu2) are laid out the other way round
//   from other machines: {argument, resolver}. The linker's trampoline in .plt
//   loads the resolver from the second word and calls it with r0 = the
//   descriptor; the resolver returns the offset from the thread pointer in r0
//   and may clobber only r1 (the trampoline's), lr and the flags. The addend
//   of R_ARM_TLS_DESC is the argument word, and only when the relocation
//   names no symbol: for a named one ld leaves a marker there, not an addend.
// - ifunc resolvers take AT_HWCAP in r0.
// - the loader is built -mgeneral-regs-only, so it never touches the VFP/NEON
//   registers that carry floating-point arguments: the lazy-binding
//   trampoline saves r0..r3 only.
#pragma once
#include <asm/unistd.h>
#include <linux/auxvec.h>
#include <linux/errno.h>

namespace arch {

constexpr unsigned char elf_class = 1;      // ELFCLASS32
constexpr unsigned short elf_machine = 40;  // EM_ARM
constexpr char machine_name[] = "ARM";
constexpr char multiarch[] = "arm-linux-gnueabihf";

template <int args = 6>
inline long syscall6(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
    register long r7 __asm__("r7") = n;
    ARCH_SYSCALL_ARG(r0, "r0", 0, a);
    ARCH_SYSCALL_ARG(r1, "r1", 1, b);
    ARCH_SYSCALL_ARG(r2, "r2", 2, c);
    ARCH_SYSCALL_ARG(r3, "r3", 3, d);
    ARCH_SYSCALL_ARG(r4, "r4", 4, e);
    ARCH_SYSCALL_ARG(r5, "r5", 5, f);
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

namespace arch {
constexpr unsigned r_relative = 23;  // R_ARM_RELATIVE, all miniload itself may carry
constexpr bool uses_rela = false;  // the psABI's relocation table format
}

namespace arch {

constexpr Reloc classify(unsigned type) {
    switch (type) {
    case 0: return Reloc::None;              // R_ARM_NONE
    case 2: return Reloc::Absolute;          // R_ARM_ABS32
    case 3: return Reloc::PcRel32;           // R_ARM_REL32
    case 13: return Reloc::TlsDescArgFirst;  // R_ARM_TLS_DESC
    case 17: return Reloc::DtpMod;           // R_ARM_TLS_DTPMOD32
    case 18: return Reloc::DtpOff;           // R_ARM_TLS_DTPOFF32
    case 19: return Reloc::TpOff;            // R_ARM_TLS_TPOFF32
    case 20: return Reloc::Copy;             // R_ARM_COPY
    case 21: return Reloc::GlobDat;          // R_ARM_GLOB_DAT
    case 22: return Reloc::JumpSlot;         // R_ARM_JUMP_SLOT
    case 23: return Reloc::Relative;         // R_ARM_RELATIVE
    case 160: return Reloc::IRelative;       // R_ARM_IRELATIVE
    default: return Reloc::Unknown;
    }
}

// ARMv7 loads unaligned words (ldr) in hardware: names compare a word at a
// time (symbols.cpp).
constexpr bool unaligned_words = true;

// TLS variant I: tp points at an 8-byte TCB and the blocks follow it; the
// static linker placed the executable's block at align_up(8, p_align).
constexpr int tls_variant = 1;
constexpr unsigned long tcb_size = 8;
constexpr unsigned long dtv_offset = 0;

// TPIDRURO, which user code reads and only the kernel writes.
inline unsigned long thread_pointer() {
    unsigned long tp;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
    return tp;
}
inline long set_thread_pointer(void* tp) {
    return syscall6<1>(__ARM_NR_set_tls, (long)tp);
}
// glibc's TCB is {dtv, private}; only glibc's own TLS code reads them, and it
// is not loaded here. GCC's stack protector reads the global
// __stack_chk_guard, not the TCB, so the zeroed words the arena gives stay.
inline void init_tcb(void* tp, const void* random16) {
    (void)tp, (void)random16;
}

// Functions ld.so would define that miniload supplies to the objects it links.
// Descriptors need no symbol: their resolver is written by the relocation.
inline unsigned long builtin_symbol(const char* name) {
    return str_eq(name, "__tls_get_addr") ? (unsigned long)&arch_tls_get_addr : 0;
}

// glibc passes the hwcap word; bit 0 of a Thumb resolver's address makes the
// indirect call switch state.
inline unsigned long call_ifunc(unsigned long resolver, const unsigned long* aux) {
    return ((unsigned long (*)(unsigned long))resolver)(aux[AT_HWCAP]);
}

// PLT0 finds the object at GOT[1] and loads pc from GOT[2].
inline void set_lazy_entry(unsigned long* got, void* handle) {
    got[1] = (unsigned long)handle;
    got[2] = (unsigned long)&arch_lazy_entry;
}

}  // namespace arch
