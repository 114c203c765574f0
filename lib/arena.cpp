// The library build's Arena: the interface of loader/arena.hpp, but every
// chunk can be given back, since a library's memory lives exactly as long as
// the library. Each chunk ends in a Footer linking it to the one before;
// end_ points at the current chunk's footer, so no member is added and the
// executable's Arena stays as it is.
//
// Released chunks of the usual size are kept, zeroed again, for the next
// library: unmapping memory that was touched flushes the TLB, which costs
// more than all the rest a small library's load does in user space, while
// zeroing the few kilobytes a load uses costs next to nothing.
#include "arena.hpp"
#include "diag.hpp"
#include "syscalls.hpp"

namespace {

struct Footer {
    char* base;
    usize len;
    Footer* prev;
    usize used;  // bytes from base that were handed out, once the chunk is left
};

uptr align_up(uptr v, usize align) { return (v + align - 1) & ~(uptr)(align - 1); }

constexpr unsigned cache_slots = 16;
char* cache[cache_slots];  // zeroed chunks of chunk_size bytes
unsigned cached;
int cache_lock;  // held for a few instructions: a spin is enough

void lock() {
    while (__atomic_exchange_n(&cache_lock, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&cache_lock, __ATOMIC_RELAXED)) {}
}
void unlock() { __atomic_store_n(&cache_lock, 0, __ATOMIC_RELEASE); }

char* take_cached() {
    lock();
    char* c = cached ? cache[--cached] : nullptr;
    unlock();
    return c;
}

// Zeroes the first `n` bytes of a chunk (page-aligned, with room to spare
// before its footer) a word at a time.
void zero(char* base, usize n) {
    uptr* w = (uptr*)base;
    for (usize k = (n + sizeof(uptr) - 1) / sizeof(uptr); k; --k) *w++ = 0;
}

bool keep(char* chunk) {
    lock();
    bool room = cached < cache_slots;
    if (room) cache[cached++] = chunk;
    unlock();
    return room;
}

}  // namespace

void* Arena::alloc(usize size) {
    uptr p = align_up((uptr)cur_, alignment);
    // The footer leaves end_ unaligned, so p may lie past it.
    if (!cur_ || p > (uptr)end_ || size > (uptr)end_ - p) {
        usize want;
        if (add_overflows<usize>(size, alignment + sizeof(Footer), &want)) want = limit;
        usize len = page_up(want > chunk_size ? want : chunk_size, page_);
        if (len == 0 || len > limit - total_) diag::fail("miniload", "out of memory: arena limit reached");
        char* m = len == chunk_size ? take_cached() : nullptr;
        if (!m) {
            long r = sys::mmap_anon(nullptr, len, PROT_READ | PROT_WRITE, 0);
            if (sys::is_err(r)) diag::fail_errno("miniload", "cannot allocate memory", r);
            m = (char*)r;
        }
        Footer* prev = nullptr;
        if (cur_) {
            prev = (Footer*)end_;
            prev->used = (usize)(cur_ - prev->base);
        }
        Footer* f = (Footer*)(m + len - sizeof(Footer));
        *f = {m, len, prev, 0};
        total_ += len;
        cur_ = m;
        end_ = (char*)f;
        p = (uptr)cur_;  // page-aligned
    }
    cur_ = (char*)(p + size);
    return (void*)p;  // fresh anonymous pages are zero, and kept chunks zeroed again
}

char* Arena::copy_string(const char* s, usize n) {
    char* d = static_cast<char*>(alloc(n + 1));
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

// The Arena may live in one of its own chunks: it is reset first, and the
// chunks are given back from the saved chain, newest first.
void Arena::release() {
    Footer* f = cur_ ? (Footer*)end_ : nullptr;
    if (f) f->used = (usize)(cur_ - f->base);
    cur_ = end_ = nullptr;
    total_ = 0;
    while (f) {
        Footer* prev = f->prev;
        char* base = f->base;
        usize len = f->len, used = f->used;
        bool usual = len == chunk_size;
        if (usual) {
            zero(base, used);
            memset(f, 0, sizeof *f);
        }
        if (!usual || !keep(base)) sys::munmap(base, len);
        f = prev;
    }
}
