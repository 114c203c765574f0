// The typed system calls declared in syscalls.hpp.
#include "syscalls.hpp"

namespace sys {

long openat(int dirfd, const char* path, int flags) {
    return sc(__NR_openat, dirfd, (long)path, flags);
}
long open_read(const char* path) {
    // O_NONBLOCK keeps a FIFO from blocking the open; regular files ignore it.
    return openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
}
long close(int fd) { return sc(__NR_close, fd); }
long pread(int fd, void* buf, usize n, u64 off) { return arch::sys_pread(fd, buf, n, off); }
long write(int fd, const void* buf, usize n) { return sc(__NR_write, fd, (long)buf, (long)n); }
long statx(int fd, struct statx* st) {
    return sc(__NR_statx, fd, (long)"", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE | STATX_INO, (long)st);
}
long mmap(void* addr, usize len, int prot, int flags, int fd, u64 off) {
    return arch::sys_mmap(addr, len, prot, flags, fd, off);
}
// Kept out of line through link-time optimisation too: inlined, its four
// callers would each set all six registers.
__attribute__((noinline)) long mmap_anon(void* addr, usize len, int prot, int flags) {
    return mmap(addr, len, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
long munmap(void* addr, usize len) { return sc(__NR_munmap, (long)addr, (long)len); }
long mprotect(void* addr, usize len, int prot) {
    return sc(__NR_mprotect, (long)addr, (long)len, prot);
}
long prctl(int option, long a, long b, long c, long d) {
    return sc(__NR_prctl, option, a, b, c, d);
}
void exit_group(int status) {
    for (;;) sc(__NR_exit_group, status);
}

}  // namespace sys
