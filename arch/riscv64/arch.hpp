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
//   DTV-relative offsets are biased by DTV_OFFSET 0x800 (so that a signed
//   12-bit immediate reaches 4 KiB of each block). tp is a plain register the
//   program owns: no system call sets it. The stack protector's canary is a
//   global (__stack_chk_guard), not a TCB word.
// - relocations are RELA; the loader is built for RV64IMAC with the LP64 ABI,
//   so it has no floating-point instructions and never touches fa0..fa7.
// - PLT: the header loads GOT[0] (the lazy resolver) into t3, GOT[1] (the
//   object) into t0 and the entry's .got.plt offset past the two reserved
//   words (index * 8) into t1, then jumps; the entry called it with
//   `jalr t1`, so ra is still the caller's return address.
// - ifunc resolvers take AT_HWCAP first. glibc 2.40 and later pass a
//   __riscv_hwprobe function second and a reserved null pointer third;
//   earlier ones pass AT_HWCAP alone.
// - GCC 12 has no TLS descriptors here; general- and local-dynamic code calls
//   __tls_get_addr with the C convention.
#pragma once
#include <asm/unistd.h>
#include <linux/auxvec.h>

namespace arch {

constexpr unsigned char elf_class = 2;      // ELFCLASS64
constexpr unsigned short elf_machine = 243; // EM_RISCV
constexpr char machine_name[] = "RISC-V";
constexpr char multiarch[] = "riscv64-linux-gnu";

template <int args = 6>
inline long syscall6(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
    register long a7 __asm__("a7") = n;
    ARCH_SYSCALL_ARG(a0, "a0", 0, a);
    ARCH_SYSCALL_ARG(a1, "a1", 1, b);
    ARCH_SYSCALL_ARG(a2, "a2", 2, c);
    ARCH_SYSCALL_ARG(a3, "a3", 3, d);
    ARCH_SYSCALL_ARG(a4, "a4", 4, e);
    ARCH_SYSCALL_ARG(a5, "a5", 5, f);
    __asm__ volatile("ecall"
                     : "+r"(a0)
                     : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
                     : "memory");
    return a0;
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
constexpr unsigned r_relative = 3;  // R_RISCV_RELATIVE, all miniload itself may carry
constexpr bool uses_rela = true;  // the psABI's relocation table format
}

namespace arch {

// What GNU ld leaves in RV64 shared objects and executables.
constexpr Reloc classify(unsigned type) {
    switch (type) {
    case 0: return Reloc::None;          // R_RISCV_NONE
    case 1: return Reloc::Abs32;         // R_RISCV_32, from a .word naming a symbol
    case 2: return Reloc::Absolute;      // R_RISCV_64 (also what GLOB_DAT is elsewhere)
    case 3: return Reloc::Relative;      // R_RISCV_RELATIVE
    case 4: return Reloc::Copy;          // R_RISCV_COPY
    case 5: return Reloc::JumpSlot;      // R_RISCV_JUMP_SLOT
    case 7: return Reloc::DtpMod;        // R_RISCV_TLS_DTPMOD64
    case 9: return Reloc::DtpOff;        // R_RISCV_TLS_DTPREL64
    case 11: return Reloc::TpOff;        // R_RISCV_TLS_TPREL64
    case 58: return Reloc::IRelative;    // R_RISCV_IRELATIVE
    default: return Reloc::Unknown;
    }
}

// Unaligned word loads may trap to the kernel on real hardware: names compare
// byte by byte (symbols.cpp).
constexpr bool unaligned_words = false;

// TLS variant I with no TCB: the executable's block starts at tp itself, as
// the static linker assumed for its local-exec offsets.
constexpr int tls_variant = 1;
constexpr unsigned long tcb_size = 0;
constexpr unsigned long dtv_offset = 0x800;

inline unsigned long thread_pointer() {
    unsigned long tp;
    __asm__("mv %0, tp" : "=r"(tp));
    return tp;
}
// Nothing in miniload reads tp, and arch_enter leaves it alone, so the value
// set here is the one the program starts with.
inline long set_thread_pointer(void* tp) {
    __asm__ volatile("mv tp, %0" : : "r"(tp) : "memory");
    return 0;
}
// There is no TCB to fill: the canary lives in the program's own data.
inline void init_tcb(void*, const void*) {}

// Functions ld.so would define that miniload supplies to the objects it links.
inline unsigned long builtin_symbol(const char* name) {
    const char* want = "__tls_get_addr";
    while (*name && *name == *want) ++name, ++want;
    return *name == *want ? (unsigned long)&arch_tls_get_addr : 0;
}

// AT_HWCAP first, as glibc passes it. miniload has no __riscv_hwprobe to
// offer, so the second argument is null, as is the reserved third.
inline unsigned long call_ifunc(unsigned long resolver, const unsigned long* aux) {
    return ((unsigned long (*)(unsigned long, void*, void*))resolver)(aux[AT_HWCAP], nullptr, nullptr);
}

// The PLT header jumps through GOT[0] with GOT[1] in t0.
inline void set_lazy_entry(unsigned long* got, void* handle) {
    got[0] = (unsigned long)&arch_lazy_entry;
    got[1] = (unsigned long)handle;
}

}  // namespace arch
