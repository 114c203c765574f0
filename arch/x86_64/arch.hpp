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
// Included through loader/arch_contract.hpp, which documents the contract.
#pragma once
#include <asm/prctl.h>
#include <asm/unistd.h>

namespace arch {

constexpr unsigned char elf_class = 2;      // ELFCLASS64
constexpr unsigned short elf_machine = 62;  // EM_X86_64
constexpr char machine_name[] = "x86-64";
constexpr char multiarch[] = "x86_64-linux-gnu";

template <int args = 6>
inline long syscall6(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
    ARCH_SYSCALL_ARG(rdi, "rdi", 0, a);
    ARCH_SYSCALL_ARG(rsi, "rsi", 1, b);
    ARCH_SYSCALL_ARG(rdx, "rdx", 2, c);
    ARCH_SYSCALL_ARG(r10, "r10", 3, d);
    ARCH_SYSCALL_ARG(r8, "r8", 4, e);
    ARCH_SYSCALL_ARG(r9, "r9", 5, f);
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
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
constexpr unsigned r_relative = 8;  // R_X86_64_RELATIVE, all miniload itself may carry
constexpr bool uses_rela = true;  // the psABI's relocation table format
}

namespace arch {

constexpr Reloc classify_type(unsigned type) {
    switch (type) {
    case 0: return Reloc::None;          // R_X86_64_NONE
    case 1: return Reloc::Absolute;      // R_X86_64_64
    case 2: return Reloc::PcRel32;       // R_X86_64_PC32
    case 5: return Reloc::Copy;          // R_X86_64_COPY
    case 6: return Reloc::GlobDat;       // R_X86_64_GLOB_DAT
    case 7: return Reloc::JumpSlot;      // R_X86_64_JUMP_SLOT
    case 8: return Reloc::Relative;      // R_X86_64_RELATIVE
    case 10: return Reloc::Abs32;        // R_X86_64_32
    case 16: return Reloc::DtpMod;       // R_X86_64_DTPMOD64
    case 17: return Reloc::DtpOff;       // R_X86_64_DTPOFF64
    case 18: return Reloc::TpOff;        // R_X86_64_TPOFF64
    case 36: return Reloc::TlsDesc;      // R_X86_64_TLSDESC
    case 37: return Reloc::IRelative;    // R_X86_64_IRELATIVE
    default: return Reloc::Unknown;
    }
}

// The switch above as a table of bytes, made at compile time: the table
// GCC makes of it itself is 16-byte aligned, which pads .rodata.
struct RelocKinds {
    Reloc kind[38];
};
constexpr RelocKinds make_reloc_kinds() {
    RelocKinds t{};
    for (unsigned i = 0; i < sizeof t.kind; ++i) t.kind[i] = classify_type(i);
    return t;
}
alignas(1) inline constexpr RelocKinds reloc_kinds = make_reloc_kinds();

constexpr Reloc classify(unsigned type) {
    return type < sizeof reloc_kinds.kind ? reloc_kinds.kind[type] : Reloc::Unknown;
}

// Unaligned word loads are cheap: names compare a word at a time (symbols.cpp).
constexpr bool unaligned_words = true;

// TLS variant II: the blocks end at the thread pointer; the TCB starts there.
constexpr int tls_variant = 2;
constexpr unsigned long tcb_size = 64;   // glibc's tcbhead_t prefix code may read
constexpr unsigned long dtv_offset = 0;

inline unsigned long thread_pointer() {
    unsigned long tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}
inline long set_thread_pointer(void* tp) {
    return syscall6<2>(__NR_arch_prctl, ARCH_SET_FS, (long)tp);
}
// The TCB starts with a pointer to itself (how %fs:0 finds the thread
// pointer); -fstack-protector code reads its canary at %fs:0x28.
inline void init_tcb(void* tp, const void* random16) {
    unsigned long* tcb = (unsigned long*)tp;
    tcb[0] = (unsigned long)tp;
    tcb[2] = (unsigned long)tp;  // tcbhead_t.self
    if (random16) tcb[5] = *(const unsigned long*)random16 & ~0xffUL;
}

// Functions ld.so would define that miniload supplies to the objects it links.
inline unsigned long builtin_symbol(const char* name) {
    return str_eq(name, "__tls_get_addr") ? (unsigned long)&arch_tls_get_addr : 0;
}

// x86 ifunc resolvers take no arguments; they ask cpuid themselves.
inline unsigned long call_ifunc(unsigned long resolver, const unsigned long* aux) {
    (void)aux;
    return ((unsigned long (*)())resolver)();
}

// The PLT header pushes GOT[1] and jumps through GOT[2].
inline void set_lazy_entry(unsigned long* got, void* handle) {
    got[1] = (unsigned long)handle;
    got[2] = (unsigned long)&arch_lazy_entry;
}

}  // namespace arch
