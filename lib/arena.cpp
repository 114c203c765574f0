// The library build's Arena: the interface of loader/arena.hpp, but every
// chunk can be given back, since a library's memory lives exactly as long as
// the library. Each chunk ends in a Footer linking it to the one before;
// end_ points at the current chunk's footer, so no member is added and the
// executable's Arena stays as it is.
#include "arena.hpp"
#include "diag.hpp"
#include "syscalls.hpp"

namespace {
struct Footer {
    char* base;
    usize len;
    Footer* prev;
};
uptr align_up(uptr v, usize align) { return (v + align - 1) & ~(uptr)(align - 1); }
}  // namespace

void* Arena::alloc(usize size, usize align) {
    uptr p = align_up((uptr)cur_, align);
    // The footer leaves end_ unaligned, so p may lie past it.
    if (!cur_ || p > (uptr)end_ || size > (uptr)end_ - p) {
        usize want;
        if (add_overflows<usize>(size, align + sizeof(Footer), &want)) want = limit;
        usize len = page_up(want > chunk_size ? want : chunk_size, page_);
        if (len == 0 || len > limit - total_) diag::fail("miniload", "out of memory: arena limit reached");
        long m = sys::mmap_anon(nullptr, len, PROT_READ | PROT_WRITE, 0);
        if (sys::is_err(m)) diag::fail_errno("miniload", "cannot allocate memory", m);
        Footer* f = (Footer*)((char*)m + len - sizeof(Footer));
        *f = {(char*)m, len, cur_ ? (Footer*)end_ : nullptr};
        total_ += len;
        cur_ = (char*)m;
        end_ = (char*)f;
        p = align_up((uptr)cur_, align);
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

// The Arena may live in one of its own chunks: it is reset first, and the
// chunks are unmapped from the saved chain, newest first.
void Arena::release() {
    Footer* f = cur_ ? (Footer*)end_ : nullptr;
    cur_ = end_ = nullptr;
    total_ = 0;
    while (f) {
        Footer* prev = f->prev;
        sys::munmap(f->base, f->len);
        f = prev;
    }
}
