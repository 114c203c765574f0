/* Row 1's floor: the least that any loader which is a program of its own
 * does to start a static program. It opens the program, reads its headers
 * with one pread, maps its loadable segments, closes it and jumps to its
 * entry on the stack the kernel built, minus its own argv word. It checks
 * nothing, sets no auxv, name or identity: it runs the benchmark's static
 * programs and nothing else (x86_64, no C library).
 *
 * What it adds to the kernel's own start is what this machine charges for
 * a second executable in the process: the exec of the loader's image, the
 * faults of its pages and of the page tables for a second address range,
 * and a handful of system calls. No user-space loader can start a static
 * program for less, so miniload's row 1 is read against this line as well
 * as against the kernel. */
#include <elf.h>

enum { NR_pread = 17, NR_mmap = 9, NR_open = 2, NR_close = 3, NR_exit_group = 231 };
enum { O_RDONLY_CLOEXEC = 02000000, PROT_NONE = 0, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20 };
#define PAGE 4096UL

static long sys6(long n, long a, long b, long c, long d, long e, long f) {
    register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
    long r;
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}

__attribute__((noreturn)) static void quit(int status) {
    for (;;) sys6(NR_exit_group, status, 0, 0, 0, 0, 0);
}

static int prot_of(unsigned flags) {
    return (flags & PF_R ? 1 : 0) | (flags & PF_W ? 2 : 0) | (flags & PF_X ? 4 : 0);
}

__asm__(".text\n.globl _start\n_start:\n mov %rsp, %rdi\n and $-16, %rsp\n call floor_start\n hlt\n");

__attribute__((used, noreturn)) void floor_start(long* sp) {
    union {
        Elf64_Ehdr eh;
        char raw[1024];
    } h;
    long fd = sys6(NR_open, sp[2], O_RDONLY_CLOEXEC, 0, 0, 0, 0);
    if (fd < 0 || sys6(NR_pread, fd, (long)&h, sizeof h, 0, 0, 0) < (long)sizeof h.eh) quit(127);
    const Elf64_Phdr* ph = (const Elf64_Phdr*)(h.raw + h.eh.e_phoff);

    unsigned long lo = -1UL, hi = 0, bias = 0;
    for (int i = 0; i < h.eh.e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD) continue;
        if ((ph[i].p_vaddr & -PAGE) < lo) lo = ph[i].p_vaddr & -PAGE;
        if (ph[i].p_vaddr + ph[i].p_memsz > hi) hi = ph[i].p_vaddr + ph[i].p_memsz;
    }
    if (h.eh.e_type == ET_DYN) bias = sys6(NR_mmap, 0, hi - lo, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) - lo;

    for (int i = 0; i < h.eh.e_phnum; i++) {
        const Elf64_Phdr* p = &ph[i];
        if (p->p_type != PT_LOAD) continue;
        unsigned long start = bias + (p->p_vaddr & -PAGE), file_end = bias + p->p_vaddr + p->p_filesz;
        unsigned long mem_end = bias + p->p_vaddr + p->p_memsz, file_page_end = (file_end + PAGE - 1) & -PAGE;
        sys6(NR_mmap, start, file_end - start, prot_of(p->p_flags), MAP_PRIVATE | MAP_FIXED, fd, p->p_offset & -PAGE);
        if (mem_end > file_end) {  // .bss: the rest of the last file page, then zero pages
            for (char* z = (char*)file_end; z < (char*)file_page_end; z++) *z = 0;
            if (mem_end > file_page_end)
                sys6(NR_mmap, file_page_end, mem_end - file_page_end, prot_of(p->p_flags),
                     MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
        }
    }
    sys6(NR_close, fd, 0, 0, 0, 0, 0);

    sp[1] = sp[0] - 1;  // argc, without the floor's own argv[0]
    __asm__ volatile("mov %0, %%rsp\n xor %%edx, %%edx\n jmp *%1" : : "r"(sp + 1), "r"(bias + h.eh.e_entry));
    __builtin_unreachable();
}
