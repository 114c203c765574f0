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
// - relocations are RELA. ABS64 is S + A; GLOB_DAT and JUMP_SLOT are S + A
//   too (A is 0 in practice). TLS_DTPMOD, TLS_DTPREL and TLS_TPREL are 64-bit;
//   numbers 0 and 256 are both NONE.
// - lazy binding: .got.plt is GOT[0] = _DYNAMIC, GOT[1] = the object,
//   GOT[2] = the trampoline, then one slot per JMPREL entry in order. PLTn
//   sets x16 = &GOT[n] and branches through it; PLT0 pushes the pair
//   (x16, x30) so that [sp] = &GOT[n] and [sp + 8] = the caller's return
//   address, sets x16 = &GOT[2] and jumps through GOT[2] with `br x17`.
// - TLS descriptors (GCC's default TLS dialect here) are two words
//   {resolver, argument}. Code loads the resolver, calls it with x0 = the
//   descriptor and adds the returned x0 to tpidr_el0; the resolver must keep
//   every other register, x30 apart, which the call itself clobbers.
// - ifunc resolvers take x0 = AT_HWCAP | _IFUNC_ARG_HWCAP (bit 62) and x1 =
//   a pointer to {size of the struct, AT_HWCAP, AT_HWCAP2}, as glibc passes.
// - the loader is built -mgeneral-regs-only, so it never touches the FP/SIMD
//   registers that carry floating-point arguments: the lazy-binding
//   trampoline saves x0..x7 and x8 (the indirect-result register) only.
#pragma once
#include <asm/unistd.h>
#include <linux/auxvec.h>

namespace arch {

constexpr unsigned char elf_class = 2;      // ELFCLASS64
constexpr unsigned short elf_machine = 183; // EM_AARCH64
constexpr char machine_name[] = "AArch64";
constexpr char multiarch[] = "aarch64-linux-gnu";

template <int args = 6>
inline long syscall6(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
    register long x8 __asm__("x8") = n;
    ARCH_SYSCALL_ARG(x0, "x0", 0, a);
    ARCH_SYSCALL_ARG(x1, "x1", 1, b);
    ARCH_SYSCALL_ARG(x2, "x2", 2, c);
    ARCH_SYSCALL_ARG(x3, "x3", 3, d);
    ARCH_SYSCALL_ARG(x4, "x4", 4, e);
    ARCH_SYSCALL_ARG(x5, "x5", 5, f);
    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}

// 64-bit machines pass file offsets in one register and mmap takes bytes.
inline long sys_pread(int fd, void* buf, unsigned long n, unsigned long long off) {
    return syscall6<4>(__NR_pread64, fd, (long)buf, (long)n, (long)off);
}
inline long sys_mmap(void* addr, unsigned long len, int prot, int flags, int fd,
                     unsigned long long off) {
    return syscall6(__NR_mmap, (long)addr, (long)len, prot, flags, fd, (long)off);
}

}  // namespace arch

namespace arch {
constexpr unsigned r_relative = 1027;  // R_AARCH64_RELATIVE, all miniload itself may carry
constexpr bool uses_rela = true;  // the psABI's relocation table format
}

namespace arch {

// The dynamic types are numbered 1024..1032; a table beats a switch here.
constexpr Reloc dynamic_kinds[] = {
    Reloc::Copy,      // 1024 R_AARCH64_COPY
    Reloc::GlobDat,   // 1025 R_AARCH64_GLOB_DAT
    Reloc::JumpSlot,  // 1026 R_AARCH64_JUMP_SLOT
    Reloc::Relative,  // 1027 R_AARCH64_RELATIVE
    Reloc::DtpMod,    // 1028 R_AARCH64_TLS_DTPMOD
    Reloc::DtpOff,    // 1029 R_AARCH64_TLS_DTPREL
    Reloc::TpOff,     // 1030 R_AARCH64_TLS_TPREL
    Reloc::TlsDesc,   // 1031 R_AARCH64_TLSDESC
    Reloc::IRelative, // 1032 R_AARCH64_IRELATIVE
};

constexpr Reloc classify(unsigned type) {
    if (type - 1024 < sizeof dynamic_kinds / sizeof dynamic_kinds[0]) return dynamic_kinds[type - 1024];
    if (type == 257) return Reloc::Absolute;                // R_AARCH64_ABS64
    return type == 0 || type == 256 ? Reloc::None : Reloc::Unknown;  // R_AARCH64_NONE, both numbers
}

// Unaligned word loads are cheap: names compare a word at a time (symbols.cpp).
constexpr bool unaligned_words = true;

// TLS variant I: tp points at a 16-byte TCB and the blocks follow it; the
// static linker placed the executable's block at align_up(16, p_align).
constexpr int tls_variant = 1;
constexpr unsigned long tcb_size = 16;
constexpr unsigned long dtv_offset = 0;

inline unsigned long thread_pointer() {
    unsigned long tp;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
    return tp;
}
// tpidr_el0 is writable from user space: no system call needed.
inline long set_thread_pointer(void* tp) {
    __asm__ volatile("msr tpidr_el0, %0" : : "r"(tp) : "memory");
    return 0;
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

// glibc's resolver arguments: the hwcap word with _IFUNC_ARG_HWCAP set says
// that x1 points at the struct, whose first word is its own size.
inline unsigned long call_ifunc(unsigned long resolver, const unsigned long* aux) {
    const unsigned long arg[3] = {sizeof arg, aux[AT_HWCAP], aux[AT_HWCAP2]};
    return ((unsigned long (*)(unsigned long, const unsigned long*))resolver)(aux[AT_HWCAP] | 1UL << 62, arg);
}

// PLT0 finds the object at GOT[1] and jumps through GOT[2].
inline void set_lazy_entry(unsigned long* got, void* handle) {
    got[1] = (unsigned long)handle;
    got[2] = (unsigned long)&arch_lazy_entry;
}

}  // namespace arch
