// Typed system calls over the arch's raw syscall instruction. Every wrapper
// returns the kernel's result unchanged: a value >= 0, or -errno. There is no
// global errno; callers test with is_err().
#pragma once
#include <asm/unistd.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/errno.h>
#include <linux/stat.h>
#include "arch_contract.hpp"
#include "types.hpp"

namespace sys {

inline bool is_err(long r) { return (unsigned long)r > -4096UL; }

inline long sc(long n, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
    return arch::syscall6(n, a, b, c, d, e, f);
}

inline long openat(int dirfd, const char* path, int flags) {
    return sc(__NR_openat, dirfd, (long)path, flags, 0);
}
inline long open_read(const char* path) {
    // O_NONBLOCK keeps a FIFO from blocking the open; regular files ignore it.
    return openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
}
inline long close(int fd) { return sc(__NR_close, fd); }
inline long pread(int fd, void* buf, usize n, u64 off) { return arch::sys_pread(fd, buf, n, off); }
inline long write(int fd, const void* buf, usize n) { return sc(__NR_write, fd, (long)buf, (long)n); }
inline long statx(int fd, struct statx* st) {
    return sc(__NR_statx, fd, (long)"", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE | STATX_INO, (long)st);
}
inline long mmap(void* addr, usize len, int prot, int flags, int fd, u64 off) {
    return arch::sys_mmap(addr, len, prot, flags, fd, off);
}
inline long mmap_anon(void* addr, usize len, int prot, int flags) {
    return mmap(addr, len, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
inline long munmap(void* addr, usize len) { return sc(__NR_munmap, (long)addr, (long)len); }
inline long mprotect(void* addr, usize len, int prot) {
    return sc(__NR_mprotect, (long)addr, (long)len, prot);
}
inline long prctl(int option, long a, long b = 0, long c = 0, long d = 0) {
    return sc(__NR_prctl, option, a, b, c, d);
}
[[noreturn]] inline void exit_group(int status) {
    for (;;) sc(__NR_exit_group, status);
}

}  // namespace sys
