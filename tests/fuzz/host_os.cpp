// The operating system the fuzz target's loader runs on: one in-memory file
// (the fuzz input) behind every path, and memory that is real.
//
// - openat: every path opens the input. The first file opened is the
//   program (inode 1); every later one is a library (inode 2), so the input
//   is linked as a library against itself and loaded at most twice.
// - statx, pread: a regular file of the input's size.
// - mmap: anonymous memory is real memory of this process. A file mapping is
//   made by copying the input into real anonymous pages, and pages wholly
//   past the end of the file are left inaccessible, as the kernel's SIGBUS
//   would make them. MAP_FIXED must land inside a mapping made earlier in
//   the same run (the loader's reservation); anything else aborts, because
//   the loader would be replacing memory it does not own.
// - mprotect: real, inside a mapping of the run (without PROT_EXEC: nothing
//   is executed).
// - madvise: a hint that changes no contents; it must name a range inside a
//   mapping of the run, and does nothing.
// - exit_group: a longjmp back to the fuzz entry; miniload's diagnostics are
//   written to stderr only when FUZZ_VERBOSE is set.
// Everything mapped during one input is unmapped before the next.
#include <asm/unistd.h>
#include <errno.h>
#include <linux/stat.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void fuzz_body(const unsigned char* data, unsigned long size);  // driver.cpp

namespace {

const uint8_t* file_data;
size_t file_size;
int opens;
jmp_buf exit_jump;
bool verbose;

struct Region {
    uintptr_t start, len;
};
Region regions[256];
unsigned nregions;

const uintptr_t page = 4096;

[[noreturn]] void bug(const char* what, uintptr_t a, uintptr_t b) {
    fprintf(stderr, "fuzz host: %s: 0x%lx-0x%lx\n", what, (unsigned long)a, (unsigned long)b);
    abort();
}

bool inside_region(uintptr_t a, uintptr_t len) {
    for (unsigned i = 0; i < nregions; ++i)
        if (a >= regions[i].start && a - regions[i].start <= regions[i].len &&
            len <= regions[i].len - (a - regions[i].start))
            return true;
    return false;
}

void track(uintptr_t a, uintptr_t len) {
    if (nregions == sizeof regions / sizeof regions[0]) bug("too many mappings in one run", a, len);
    regions[nregions++] = {a, len};
}

int host_prot(int prot) { return prot & (PROT_READ | PROT_WRITE); }

long fake_statx(int fd, struct statx* st) {
    memset(st, 0, sizeof *st);
    st->stx_mask = STATX_TYPE | STATX_SIZE | STATX_INO;
    st->stx_mode = S_IFREG | 0755;
    st->stx_size = file_size;
    st->stx_ino = fd == 3 ? 1 : 2;
    return 0;
}

}  // namespace

extern "C" long fuzz_pread(int, void* buf, unsigned long n, unsigned long long off) {
    if (off >= file_size) return 0;
    size_t k = file_size - off < n ? file_size - off : n;
    memcpy(buf, file_data + off, k);
    return (long)k;
}

extern "C" long fuzz_mmap(void* addr, unsigned long len, int prot, int flags, int fd, unsigned long long off) {
    uintptr_t a = (uintptr_t)addr;
    if (len == 0 || off % page) return -EINVAL;
    // vm.mmap_min_addr, which the fuzzer may run without, as root does.
    if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && a < 0x10000) return -EPERM;
    bool fixed = (flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE);
    if (fixed && !inside_region(a, len)) bug("MAP_FIXED outside the loader's own mappings", a, a + len);
    bool anon = flags & MAP_ANONYMOUS;
    int host_flags = MAP_PRIVATE | MAP_ANONYMOUS | (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE));
    void* m = mmap(addr, len, anon ? host_prot(prot) : PROT_READ | PROT_WRITE, host_flags, -1, 0);
    if (m == MAP_FAILED) return -errno;
    uintptr_t r = (uintptr_t)m;
    if (!fixed) track(r, len);
    if (anon) return (long)r;
    if (fd < 0) bug("file mapping without a file", r, r + len);
    uintptr_t have = off < file_size ? file_size - off : 0;
    if (have) memcpy(m, file_data + off, have < len ? have : len);
    // Pages past the end of the file fault, as SIGBUS would end miniload.
    uintptr_t valid = (have + page - 1) & ~(page - 1);
    if (valid < len) mprotect((char*)m + valid, len - valid, PROT_NONE);
    if (valid) mprotect(m, valid < len ? valid : len, host_prot(prot));
    return (long)r;
}

extern "C" long fuzz_syscall(long n, long a, long b, long c, long d, long e, long f) {
    (void)d, (void)e, (void)f;
    switch (n) {
    case __NR_openat: return 3 + opens++;
    case __NR_close: return 0;
    case __NR_statx: return fake_statx((int)a, (struct statx*)e);
    case __NR_write:
        if (verbose) fwrite((const void*)b, 1, (size_t)c, stderr);
        return c;
    case __NR_mprotect:
        if (!inside_region((uintptr_t)a, (uintptr_t)b)) bug("mprotect outside the loader's own mappings", a, a + b);
        return mprotect((void*)a, (size_t)b, host_prot((int)c)) ? -errno : 0;
    case __NR_madvise:
        if (!inside_region((uintptr_t)a, (uintptr_t)b)) bug("madvise outside the loader's own mappings", a, a + b);
        return 0;
    case __NR_munmap:
        if (!inside_region((uintptr_t)a, (uintptr_t)b)) bug("munmap outside the loader's own mappings", a, a + b);
        return munmap((void*)a, (size_t)b) ? -errno : 0;
    case __NR_exit_group: longjmp(exit_jump, 1);
    case __NR_prctl:
    case __NR_arch_prctl: return 0;
    }
    bug("unexpected system call", (uintptr_t)n, 0);
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    verbose = getenv("FUZZ_VERBOSE") != nullptr;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    file_data = data;
    file_size = size;
    opens = 0;
    nregions = 0;
    if (setjmp(exit_jump) == 0) fuzz_body(data, size);
    for (unsigned i = 0; i < nregions; ++i) munmap((void*)regions[i].start, regions[i].len);
    return 0;
}
