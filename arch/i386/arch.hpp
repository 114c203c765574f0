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
//   word points at itself (code reads tp as %gs:0); -fstack-protector code
//   reads its canary at %gs:0x14. The thread pointer is the base of the
//   segment in gs: set_thread_area installs a GDT entry (entry_number -1 lets
//   the kernel pick a free TLS slot and write its number back) and gs is then
//   loaded with the selector entry * 8 + 3 (GDT, privilege level 3).
// - relocations are REL: the addend lives in the relocated word, except for
//   GLOB_DAT and JMP_SLOT, which take none, and TLS_DESC, whose addend is in
//   the descriptor's second word. R_386_TLS_TPOFF32 holds the negated offset
//   (tp minus the address), and so does its addend; R_386_TLS_TPOFF the
//   ordinary one.
// - PLT: an entry pushes the byte offset of its relocation in DT_JMPREL
//   (index * 8) and jumps to the header, which pushes GOT[1] (the object) and
//   jumps through GOT[2]; the caller's return address is above the two.
//   Functions may take up to three register arguments (regparm: eax, edx,
//   ecx), so the trampoline preserves those three.
// - __tls_get_addr comes in two flavours: ___tls_get_addr with the tls_index
//   pointer in eax (what GCC calls) and __tls_get_addr with it on the stack.
//   A TLS descriptor's resolver gets the descriptor in eax, returns the offset
//   from tp in eax and preserves every other register.
// - the loader is built -mgeneral-regs-only, so it never touches x87, MMX or
//   SSE registers.
// - miniload's own functions take their first three arguments in eax, edx
//   and ecx (-mregparm=3, far smaller code than arguments on the stack);
//   start.S follows suit, and calls into the program (initialisers, ifunc
//   resolvers) use the psABI's stack arguments through ARCH_PSABI.
#pragma once
#include <asm/ldt.h>
#include <asm/unistd.h>
#include <linux/auxvec.h>
#include <linux/errno.h>

// For pointers to the program's functions: the psABI's convention, not ours.
#define ARCH_PSABI __attribute__((regparm(0)))

namespace arch {

constexpr unsigned char elf_class = 1;      // ELFCLASS32
constexpr unsigned short elf_machine = 3;   // EM_386
constexpr char machine_name[] = "Intel 80386";
constexpr char multiarch[] = "i386-linux-gnu";

template <int args = 6>
inline long syscall6(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
    long ret;
    if constexpr (args < 6) {  // ebp untouched
        ARCH_SYSCALL_ARG(ebx, "ebx", 0, a);
        ARCH_SYSCALL_ARG(ecx, "ecx", 1, b);
        ARCH_SYSCALL_ARG(edx, "edx", 2, c);
        ARCH_SYSCALL_ARG(esi, "esi", 3, d);
        ARCH_SYSCALL_ARG(edi, "edi", 4, e);
        __asm__ volatile("int $0x80"
                         : "=a"(ret)
                         : "a"(n), "r"(ebx), "r"(ecx), "r"(edx), "r"(esi), "r"(edi)
                         : "memory", "cc");
        return ret;
    }
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
    return syscall6<5>(__NR_pread64, fd, (long)buf, (long)n, (long)(unsigned)off, (long)(off >> 32));
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
constexpr unsigned r_relative = 8;  // R_386_RELATIVE, all miniload itself may carry
constexpr bool uses_rela = false;  // the psABI's relocation table format
}

// Defined in start.S: ___tls_get_addr, the tls_index pointer in eax.
extern "C" void arch_tls_get_addr_regparm();

namespace arch {

constexpr Reloc classify(unsigned type) {
    switch (type) {
    case 0: return Reloc::None;          // R_386_NONE
    case 1: return Reloc::Absolute;      // R_386_32
    case 2: return Reloc::PcRel32;       // R_386_PC32
    case 5: return Reloc::Copy;          // R_386_COPY
    case 6: return Reloc::GlobDat;       // R_386_GLOB_DAT
    case 7: return Reloc::JumpSlot;      // R_386_JMP_SLOT
    case 8: return Reloc::Relative;      // R_386_RELATIVE
    case 14: return Reloc::TpOff;        // R_386_TLS_TPOFF
    case 35: return Reloc::DtpMod;       // R_386_TLS_DTPMOD32
    case 36: return Reloc::DtpOff;       // R_386_TLS_DTPOFF32
    case 37: return Reloc::TpOffNeg;     // R_386_TLS_TPOFF32
    case 41: return Reloc::TlsDesc;      // R_386_TLS_DESC
    case 42: return Reloc::IRelative;    // R_386_IRELATIVE
    default: return Reloc::Unknown;
    }
}

// Unaligned word loads are cheap: names compare a word at a time (symbols.cpp).
constexpr bool unaligned_words = true;

// TLS variant II: the blocks end at the thread pointer; the TCB starts there.
constexpr int tls_variant = 2;
constexpr unsigned long tcb_size = 64;   // glibc's tcbhead_t prefix code may read
constexpr unsigned long dtv_offset = 0;

inline unsigned long thread_pointer() {
    unsigned long tp;
    __asm__("mov %%gs:0, %0" : "=r"(tp));
    return tp;
}
// A flat data segment based at tp, in the first free TLS slot of the GDT.
// miniload itself never reads gs (it is built without a stack protector, and
// only __tls_get_addr, called by the program, reads %gs:0), and nothing
// after this reloads gs, so the program starts with this selector.
inline long set_thread_pointer(void* tp) {
    user_desc d = {};
    d.entry_number = ~0u;
    d.base_addr = (unsigned)(unsigned long)tp;
    d.limit = 0xfffff;
    d.seg_32bit = 1;
    d.limit_in_pages = 1;
    d.useable = 1;
    long r = syscall6<1>(__NR_set_thread_area, (long)&d);
    if (r < 0) return r;
    unsigned short selector = (unsigned short)(d.entry_number * 8 + 3);
    __asm__ volatile("mov %0, %%gs" : : "r"(selector) : "memory");
    return 0;
}
// The TCB starts with a pointer to itself (how %gs:0 finds the thread
// pointer); -fstack-protector code reads its canary at %gs:0x14, whose low
// byte is zero, as glibc makes it, so that string overflows cannot copy it.
inline void init_tcb(void* tp, const void* random16) {
    unsigned long* tcb = (unsigned long*)tp;
    tcb[0] = (unsigned long)tp;
    tcb[2] = (unsigned long)tp;  // tcbhead_t.self
    if (random16) tcb[5] = *(const unsigned long*)random16 & ~0xffUL;
}

// Functions ld.so would define that miniload supplies to the objects it
// links: ___tls_get_addr (argument in eax) and __tls_get_addr (on the stack).
inline unsigned long builtin_symbol(const char* name) {
    bool regparm = name[0] == '_' && name[1] == '_' && name[2] == '_';
    if (!str_eq(name + regparm, "__tls_get_addr")) return 0;
    return regparm ? (unsigned long)&arch_tls_get_addr_regparm : (unsigned long)&arch_tls_get_addr;
}

// glibc calls x86 resolvers with no arguments (they ask cpuid); AT_HWCAP, the
// CPUID feature bits here, is passed all the same, which such resolvers never
// notice: the caller removes cdecl arguments.
inline unsigned long call_ifunc(unsigned long resolver, const unsigned long* aux) {
    return ((unsigned long (ARCH_PSABI*)(unsigned long))resolver)(aux[AT_HWCAP]);
}

// The PLT header pushes GOT[1] and jumps through GOT[2].
inline void set_lazy_entry(unsigned long* got, void* handle) {
    got[1] = (unsigned long)handle;
    got[2] = (unsigned long)&arch_lazy_entry;
}

}  // namespace arch
