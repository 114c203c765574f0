/* Just enough runtime for the benchmark programs (x86_64, no C library).
 *
 * _start calls main(argc, argv) and ends the process with a raw exit_group
 * system call. It never returns into the loader and never calls the
 * finaliser the ABI's rdx register carries at entry: glibc's ld.so passes
 * _dl_fini there, which trips an assertion when no C library is loaded, and
 * musl's loader leaves rdx undefined. Skipping it is the same for every
 * loader, so all of them are measured doing the same work.
 *
 * Libraries define BENCH_LIBRARY and get no _start. */
#pragma once

#ifndef BENCH_LIBRARY
__asm__(".text\n.globl _start\n_start:\n xor %ebp, %ebp\n mov %rsp, %rdi\n and $-16, %rsp\n"
        " call bench_start\n hlt\n");
#endif

static long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}
enum { NR_read = 0, NR_write = 1, NR_open = 2, NR_close = 3, NR_exit_group = 231 };

__attribute__((noreturn)) static void quit(int status) {
    for (;;) sys3(NR_exit_group, status, 0, 0);
}

static int streq(const char* a, const char* b) {
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

static void put(const char* s) {
    unsigned long n = 0;
    while (s[n]) n++;
    sys3(NR_write, 1, (long)s, (long)n);
}

/* Copies a file (a /proc one) to standard output. */
static void cat(const char* path) {
    char buf[4096];
    long fd = sys3(NR_open, (long)path, 0, 0), n;
    if (fd < 0) return;
    while ((n = sys3(NR_read, fd, (long)buf, sizeof buf)) > 0) sys3(NR_write, 1, (long)buf, n);
    sys3(NR_close, fd, 0, 0);
}

/* What the process looks like once it runs: every mapping left behind and
 * the peak resident set size (VmHWM), as the program itself sees them. */
static void report_memory(void) {
    put("== /proc/self/maps\n");
    cat("/proc/self/maps");
    put("== /proc/self/status\n");
    cat("/proc/self/status");
}

#ifndef BENCH_LIBRARY
int main(int argc, char** argv);

__attribute__((used, noreturn)) void bench_start(long* sp) {
    quit(main((int)sp[0], (char**)(sp + 1)));
}
#endif
