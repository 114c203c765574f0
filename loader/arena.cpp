#include "arena.hpp"
#include "diag.hpp"
#include "syscalls.hpp"

void* Arena::alloc(usize size) {
    uptr p = ((uptr)cur_ + alignment - 1) & ~(uptr)(alignment - 1);
    if (!cur_ || size > (uptr)end_ - p) {
        // Start-up uses most of what it allocates, and populating pages as
        // they are mapped costs less than faulting them in one by one (on
        // a virtual machine, a third less for four pages at a process's
        // start): chunks are populated, and the first is small, as a
        // static program needs little more than one page. An allocation
        // larger than a chunk gets memory of its own, left to fault in: a
        // TLS block with megabytes of .tbss or a table sized for the most
        // versions an object may define is mostly never touched.
        usize chunk = total_ ? chunk_size : first_chunk_size;
        // A new chunk starts on a page, so `size` bytes are all it needs to
        // hold; a size so large that page_up wraps it comes out as 0.
        bool oversized = size > chunk;
        usize len = page_up(oversized ? size : chunk, page_);
        if (len == 0 || len > limit - total_) diag::fail(diag::program, "out of memory: arena limit reached");
        long m = sys::mmap_anon(nullptr, len, PROT_READ | PROT_WRITE, oversized ? 0 : MAP_POPULATE);
        if (sys::is_err(m)) diag::fail_errno(diag::program, "out of memory", m);
        total_ += len;
        cur_ = (char*)m;
        end_ = cur_ + len;
        p = (uptr)cur_;  // page-aligned
    }
    cur_ = (char*)(p + size);
    return (void*)p;  // fresh anonymous pages are already zero
}

char* Arena::copy_string(const char* s, usize n) {
    char* d = static_cast<char*>(alloc(n + 1));
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}
