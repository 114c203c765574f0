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

// Sets as many argument registers as it is given arguments.
template <class... A> inline long sc(long n, A... a) { return arch::syscall6<sizeof...(A)>(n, (long)a...); }

// Out of line: each is one small function instead of a register dance at
// every call site.
long openat(int dirfd, const char* path, int flags);
long open_read(const char* path);  // O_NONBLOCK: a FIFO must not block the open
long close(int fd);
long pread(int fd, void* buf, usize n, u64 off);
long write(int fd, const void* buf, usize n);
long statx(int fd, struct statx* st);
long mmap(void* addr, usize len, int prot, int flags, int fd, u64 off);
long mmap_anon(void* addr, usize len, int prot, int flags);
long munmap(void* addr, usize len);
long mprotect(void* addr, usize len, int prot);
long prctl(int option, long a, long b = 0, long c = 0, long d = 0);
// rt_sigaction(sig, act, nullptr): act is the kernel's struct sigaction.
// Inline: miniload makes it from one place only.
inline long sigaction(int sig, const void* act) {
    return sc(__NR_rt_sigaction, sig, (long)act, 0, 8);  // 8: the kernel's sigset_t
}
[[noreturn]] void exit_group(int status);

}  // namespace sys
