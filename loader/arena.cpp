#include "arena.hpp"
#include "diag.hpp"
#include "syscalls.hpp"

void* Arena::alloc(usize size, usize align) {
    uptr p = ((uptr)cur_ + align - 1) & ~(uptr)(align - 1);
    if (!cur_ || size > (uptr)end_ - p) {
        usize want;
        if (add_overflows<usize>(size, align, &want)) want = limit;
        usize len = page_up(want > chunk_size ? want : chunk_size, page_);
        if (len == 0 || len > limit - total_) diag::fail(diag::program, "out of memory: arena limit reached");
        long m = sys::mmap_anon(nullptr, len, PROT_READ | PROT_WRITE, 0);
        if (sys::is_err(m)) diag::fail_errno(diag::program, "out of memory", m);
        total_ += len;
        cur_ = (char*)m;
        end_ = cur_ + len;
        p = ((uptr)cur_ + align - 1) & ~(uptr)(align - 1);
    }
    cur_ = (char*)(p + size);
    return (void*)p;  // fresh anonymous pages are already zero
}

char* Arena::copy_string(const char* s, usize n) {
    char* d = static_cast<char*>(alloc(n + 1, 1));
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}
