// The program's identity — technical note.
//
// The kernel records who a process is when it executes a file, and that file
// was miniload. Each record, and how it becomes PROGRAM's:
//   - comm (/proc/PID/comm, `ps -o comm`, top): PR_SET_NAME with the last
//     component of PROGRAM's path, as exec names a process. Needs nothing.
//   - /proc/PID/exe: prctl(PR_SET_MM) points it at an open file, with
//     CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE (PR_SET_MM_MAP's exe_fd) or with
//     CAP_SYS_RESOURCE (PR_SET_MM_EXE_FILE), and only once nothing maps the
//     old file any more (EBUSY until then). miniload's own segments map its
//     file: each that holds file bytes is copied to anonymous memory and the
//     copy mremapped over it, same address, same bytes, so the code runs on
//     across the switch (the lazy-binding trampoline and the finaliser
//     included). The first attempt is the probe: EBUSY says the rest will be
//     allowed, so a run without the privilege never pays for the copies.
//     The remap is the dear part: on a virtual machine, where page table
//     changes are slow, it is most of the 0.1 ms that taking the identity
//     adds to a start.
//   - /proc/PID/cmdline and /proc/PID/auxv: PR_SET_MM_MAP replaces the
//     argument and environment ranges and the saved auxv, but only along
//     with every other field of the table, so each is given as the kernel
//     has it: the code and data bounds of miniload's own two segments,
//     start_stack the initial stack pointer, env_start..env_end the
//     environment strings, which the kernel wrote right after the argument
//     strings and right before the file name AT_EXECFN points at. Only
//     arg_start moves, past miniload's own words (rewrite_stack left
//     PROGRAM's strings one block, as exec lays them out), and the auxv is
//     the one rewrite_stack made for PROGRAM, which keeps debuggers that read
//     /proc/PID/auxv in step with /proc/PID/exe.
//     The break stays where the kernel put it for miniload: brk(0) reads it,
//     and start_brk is the same value because nothing has called brk yet.
//     Following PROGRAM's image instead, as exec would, could leave the heap
//     no room (miniload maps libraries and the interpreter wherever the
//     kernel offers, often right there) and could not repeat the kernel's
//     randomisation; a program needs a break that brk() grows and /proc's
//     heap fields that agree with it, which this keeps. Kernels built with
//     checkpoint/restore take this call without privilege, and may refuse it.
// Nothing here runs when the kernel started miniload as PROGRAM's PT_INTERP:
// it executed PROGRAM itself, so exe, comm and cmdline already are PROGRAM's
// (and a name taken from AT_EXECFN would be wrong after fexecve, "/dev/fd/N").
#include "identity.hpp"
#include <linux/prctl.h>
#include "diag.hpp"
#include "elf.hpp"
#include "syscalls.hpp"

using namespace elf;

extern "C" const Ehdr __ehdr_start __attribute__((visibility("hidden")));

namespace {

// struct prctl_mm_map, laid out by this build's ABI, as a kernel of the same
// ABI reads it. A 32-bit miniload on a 64-bit kernel meets another size
// (i386) or layout (arm), and the call fails (EINVAL, EFAULT) rather than set
// anything wrong; m is zeroed so that no padding byte is ever read as a
// descriptor.
enum : unsigned { StartCode, EndCode, StartData, EndData, StartBrk, Brk, StartStack,
                  ArgStart, ArgEnd, EnvStart, EnvEnd, Fields };
struct MmMap {
    u64 field[Fields];
    const uptr* auxv;
    u32 auxv_size, exe_fd;
};

long mm_map(const MmMap& m) { return sys::prctl(PR_SET_MM, PR_SET_MM_MAP, (long)&m, sizeof m); }

// Points /proc/self/exe at m.exe_fd with whichever call the privilege allows
// (kernels before 5.9 answer EINVAL, not EPERM, without CAP_SYS_ADMIN).
// `ranges_set` tells whether PR_SET_MM_MAP did it, which sets the ranges
// and the auxv in the same call.
long set_exe(const MmMap& m, bool& ranges_set) {
    long r = mm_map(m);
    ranges_set = r == 0;
    if (r == -EPERM || r == -EINVAL) r = sys::prctl(PR_SET_MM, PR_SET_MM_EXE_FILE, m.exe_fd);
    return r;
}

// Puts an anonymous copy of each of miniload's segments that maps its file
// in its place: `ph` points at its two PT_LOADs, text (R+X) then data (R+W),
// as linker.ld lays them out. A segment with no file bytes (data that is
// .bss alone, as on x86_64) is anonymous memory already; moving it would
// only cost a copy and a remap, which are most of what this takes.
long move_self(const Phdr* ph, uptr page) {
    for (int i = 0; i < 2; ++i, ++ph) {
        if (!ph->p_filesz) continue;
        uptr lo = page_down((uptr)&__ehdr_start + ph->p_vaddr, page);
        usize len = page_up((uptr)&__ehdr_start + ph->p_vaddr + ph->p_memsz, page) - lo;
        long copy = sys::mmap_anon(nullptr, len, PROT_READ | PROT_WRITE, MAP_POPULATE);
        if (sys::is_err(copy)) return copy;
        // From this copy to the remap, miniload's own data must not change:
        // only locals are written. A word at a time (len is whole pages):
        // this copy is most of the instructions that taking the identity costs.
        for (usize k = 0; k < len; k += sizeof(uptr)) *(uptr*)(copy + k) = *(const uptr*)(lo + k);
        sys::mprotect((void*)copy, len, i ? PROT_READ | PROT_WRITE : PROT_READ | PROT_EXEC);
        long r = sys::sc(__NR_mremap, copy, (long)len, (long)len, MREMAP_MAYMOVE | MREMAP_FIXED, (long)lo);
        if (sys::is_err(r)) return r;
    }
    return 0;
}

void not_changed(const Options& o, const char* what, long err) {
    if (err && o.debug) diag::note(what, "not changed", err);
}

// The PR_SET_MM part: exe, then the ranges and bounds.
void claim_mm(const Process& p, const Options& o, int fd) {
    MmMap m{};
    // The code and data bounds stay miniload's own, as the kernel set them
    // from its two segments; AT_PHDR still says where miniload's headers are
    // (a linker may put others, PT_RISCV_ATTRIBUTES, before the PT_LOADs).
    const Phdr* ph = (const Phdr*)p.aux[AT_PHDR];
    while (ph->p_type != PT_LOAD) ++ph;
    uptr base = (uptr)&__ehdr_start;
    m.field[StartCode] = base + ph[0].p_vaddr;
    m.field[EndCode] = base + ph[0].p_vaddr + ph[0].p_filesz;
    m.field[StartData] = base + ph[1].p_vaddr;
    m.field[EndData] = base + ph[1].p_vaddr + ph[1].p_filesz;
    m.field[StartBrk] = m.field[Brk] = (uptr)sys::sc(__NR_brk, 0);
    m.field[StartStack] = (uptr)p.sp;
    // The kernel wrote the argument strings, the environment strings and
    // the file name AT_EXECFN points at, one after the other.
    char* env_end = (char*)p.aux[AT_EXECFN];
    char* args_end = p.envp[0] ? p.envp[0] : env_end;
    if (o.argv0) {
        // NAME goes right before the program's own arguments, over PROGRAM's
        // word (main keeps a copy), so that the block stays whole.
        usize n = str_len(o.argv0) + 1;
        p.argv[0] = (char*)memmove((p.argc > 1 ? p.argv[1] : args_end) - n, o.argv0, n);
    }
    m.field[ArgStart] = (uptr)p.argv[0];
    m.field[ArgEnd] = m.field[EnvStart] = (uptr)args_end;
    m.field[EnvEnd] = (uptr)env_end;
    const uptr* a = p.auxv;
    while (*a) a += 2;
    m.auxv = p.auxv;
    m.auxv_size = (u32)((uptr)(a + 2) - (uptr)p.auxv);

    m.exe_fd = (u32)fd;
    bool ranges_set;
    long r = set_exe(m, ranges_set);
    // EBUSY: allowed, once miniload's own file is no longer mapped.
    if (r == -EBUSY && !(r = move_self(ph, p.page_size()))) r = set_exe(m, ranges_set);
    not_changed(o, "/proc/self/exe", r);
    if (ranges_set) return;
    m.exe_fd = ~0u;
    not_changed(o, "/proc/self/cmdline", mm_map(m));
}

}  // namespace

void take_identity(const Process& p, const Options& o, int fd) {
    const char* name = o.program;
    for (const char* s = name; *s; ++s)
        if (*s == '/') name = s + 1;
    sys::prctl(PR_SET_NAME, (long)name);  // the kernel keeps 15 bytes, as exec does
    if (!o.keep_exe) claim_mm(p, o, fd);
    sys::close(fd);
}
