// Thread-local storage for libraries loaded into a host — technical note.
//
// The host's C library owns the thread pointer and the static TLS area
// behind it, sized when each thread started: a library loaded later has no
// room there, so code that reaches its variables at fixed offsets from the
// thread pointer (initial-exec, local-exec) cannot be served; relocate.cpp
// refuses those relocations. What can be served is the general- and
// local-dynamic model, which asks __tls_get_addr for every address, and TLS
// descriptors, whose resolver is asked for an offset from the thread pointer
// on every access: this build supplies both (scope.cpp and
// arch_tlsdesc_dynamic), and gives each thread its own copy of each
// library's block the first time that thread asks for it. A descriptor's
// argument is a (module, offset) pair in the library's arena; its resolver,
// in arch/<arch>/lib.S, keeps every register the ABI says it must and asks
// miniload_tlsdesc_offset.
//
// A library with PT_TLS gets a TlsModule; its DTPMOD relocations hold the
// module's address (the executable's hold an offset from the thread pointer:
// the word means whatever the __tls_get_addr the object is bound to reads in
// it). The module takes a slot, a small index reused after unload; a slot's
// generation, bumped on every release, tells a thread's block of the current
// module from one left by an earlier module in the same slot.
//
// Each thread keeps its blocks in a table reached through one thread-local
// pointer of this library's own (the host's C library allocates it with the
// thread, initial-exec). A block is anonymous memory, so its alignment, at
// most a page (checked at load), comes for free. A block outlives its module
// in the threads that did not unload it, until that thread asks for the slot
// again or exits: with a C library that offers __cxa_thread_atexit_impl
// (glibc), each thread's blocks are unmapped when it exits; without one,
// they stay mapped.
#include "diag.hpp"
#include "library.hpp"
#include "syscalls.hpp"
#include "tls.hpp"

extern "C" void arch_tlsdesc_dynamic();

using namespace elf;

// Weak: only used when the host's C library has it.
extern "C" int __cxa_thread_atexit_impl(void (*fn)(void*), void* arg, void* dso)
    __attribute__((weak, visibility("default")));
extern "C" char __dso_handle __attribute__((weak));

struct TlsModule {
    u32 slot;
    u32 generation;  // odd while the slot is this module's
    const Object* obj;
    const void* image;
    usize image_size, size;
};

namespace {

struct Block {
    u32 generation;
    char* base;
    usize len;
};

struct ThreadBlocks {
    u32 count;
    bool cleanup_registered;
    Block block[];  // count entries, indexed by slot
};

__attribute__((tls_model("initial-exec"))) thread_local ThreadBlocks* thread_blocks;

// The slots' generations, odd while in use. Guarded by slots_lock.
u32* generations;
u32 slot_count;
int slots_lock;

void lock() {
    while (__atomic_exchange_n(&slots_lock, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&slots_lock, __ATOMIC_RELAXED)) {}
}
void unlock() { __atomic_store_n(&slots_lock, 0, __ATOMIC_RELEASE); }

uptr page() { return lib_process().page_size(); }

void* map(const Object& obj, usize len, const char* what) {
    long r = sys::mmap_anon(nullptr, len, PROT_READ | PROT_WRITE, 0);
    if (sys::is_err(r)) diag::fail_errno(obj.path, what, r);
    return (void*)r;
}

// At the exit of a thread: its blocks and its table.
void release_thread_blocks(void*) {
    ThreadBlocks* t = thread_blocks;
    if (!t) return;
    for (u32 i = 0; i < t->count; ++i)
        if (t->block[i].base) sys::munmap(t->block[i].base, t->block[i].len);
    sys::munmap(t, page_up(sizeof(ThreadBlocks) + t->count * sizeof(Block), page()));
    thread_blocks = nullptr;
}

// This thread's table, with room for `slot`.
ThreadBlocks* blocks_for(const TlsModule& m) {
    ThreadBlocks* old = thread_blocks;
    if (old && m.slot < old->count) return old;
    u32 count = 16;
    while (count <= m.slot) count *= 2;
    usize len = page_up(sizeof(ThreadBlocks) + count * sizeof(Block), page());
    auto t = (ThreadBlocks*)map(*m.obj, len, "cannot allocate thread-local storage");
    t->count = (u32)((len - sizeof(ThreadBlocks)) / sizeof(Block));
    if (old) {
        memcpy(t->block, old->block, old->count * sizeof(Block));
        t->cleanup_registered = old->cleanup_registered;
        sys::munmap(old, page_up(sizeof(ThreadBlocks) + old->count * sizeof(Block), page()));
    }
    thread_blocks = t;
    if (!t->cleanup_registered && __cxa_thread_atexit_impl) {
        // The table may be replaced by a larger one: it is found at exit
        // through the thread's pointer, not passed.
        __cxa_thread_atexit_impl(release_thread_blocks, nullptr, &__dso_handle);
        t->cleanup_registered = true;
    }
    return t;
}

__attribute__((noinline)) char* new_block(const TlsModule& m) {
    ThreadBlocks* t = blocks_for(m);
    Block& b = t->block[m.slot];
    if (b.base) sys::munmap(b.base, b.len);  // an unloaded module's
    b.len = page_up(m.size ? m.size : 1, page());
    b.base = (char*)map(*m.obj, b.len, "cannot allocate thread-local storage");
    memcpy(b.base, m.image, m.image_size);  // the rest is zero already
    b.generation = m.generation;
    return b.base;
}

}  // namespace

// The address of byte `offset` of this thread's block of the module.
extern "C" void* miniload_tls_get_addr(const uptr* index) {
    const TlsModule& m = *(const TlsModule*)index[0];
    ThreadBlocks* t = thread_blocks;
    char* base;
    if (t && m.slot < t->count && t->block[m.slot].generation == m.generation) base = t->block[m.slot].base;
    else base = new_block(m);
    return base + index[1] + arch::dtv_offset;
}

// For arch_tlsdesc_dynamic: the variable's offset from this thread's
// thread pointer (its block lies wherever mmap put it).
extern "C" uptr miniload_tlsdesc_offset(const uptr* pair) {
    return (uptr)miniload_tls_get_addr(pair) - (uptr)arch::thread_pointer();
}

TlsDescriptor tls_descriptor(Linker& l, uptr module, uptr offset) {
    uptr* pair = l.arena.make<uptr>(2);
    pair[0] = module;
    pair[1] = offset - arch::dtv_offset;
    return {(uptr)&arch_tlsdesc_dynamic, (uptr)pair};
}

void* tls_address(const TlsModule& m, uptr offset) {
    uptr index[2] = {(uptr)&m, offset - arch::dtv_offset};
    return miniload_tls_get_addr(index);
}

TlsModule* tls_prepare(Object& obj, Arena& arena) {
    const Phdr& t = *obj.tls;
    checked_tls_align(obj);  // at most 4096: the blocks' pages are aligned enough
    TlsModule* m = arena.make<TlsModule>();
    *m = {0, 0, &obj, (const void*)(obj.bias + t.p_vaddr), (usize)t.p_filesz, (usize)t.p_memsz};
    obj.tls_offset = (uptr)m;  // what DTPMOD relocations write
    return m;
}

void tls_attach(TlsModule& m) {
    lock();
    u32 slot = 0;
    while (slot < slot_count && generations[slot] & 1) ++slot;
    if (slot == slot_count) {
        // Grown a page at a time; a failure leaves the table as it was, and
        // the module without a slot: every thread would allocate for it anew.
        usize len = page_up((slot_count + 1) * sizeof(u32), page());
        long r = sys::mmap_anon(nullptr, len, PROT_READ | PROT_WRITE, 0);
        if (sys::is_err(r)) {
            unlock();
            diag::fail_errno(m.obj->path, "cannot allocate thread-local storage", r);
        }
        if (generations) {
            memcpy((void*)r, generations, slot_count * sizeof(u32));
            sys::munmap(generations, page_up(slot_count * sizeof(u32), page()));
        }
        generations = (u32*)r;
        slot_count = (u32)(len / sizeof(u32));
    }
    m.slot = slot;
    m.generation = ++generations[slot];
    unlock();
}

void tls_detach(const TlsModule& m) {
    lock();
    ++generations[m.slot];
    unlock();
    // This thread's block goes now; the other threads' when they exit or
    // reuse the slot.
    ThreadBlocks* t = thread_blocks;
    if (t && m.slot < t->count && t->block[m.slot].generation == m.generation) {
        Block& b = t->block[m.slot];
        sys::munmap(b.base, b.len);
        b = {};
    }
}
