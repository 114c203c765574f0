// One bump arena for everything miniload allocates: object records, copies of
// headers, search-path strings. Backed by anonymous mmap in chunks; nothing is
// freed individually. Running out is a diagnosed limit, never a crash.
#pragma once
#include "types.hpp"

// Placement new must take size_t itself, which is unsigned int on 32-bit ABIs.
inline void* operator new(decltype(sizeof 0), void* where) noexcept { return where; }

class Arena {
public:
    explicit Arena(uptr page_size) : page_(page_size) {}
    // Zeroed memory aligned to `alignment`; exits with a diagnostic when the
    // limit is hit.
    void* alloc(usize size);
    template <class T> T* make(usize count = 1) {
        static_assert(alignof(T) <= alignment);
        return static_cast<T*>(alloc(sizeof(T) * count));
    }
    // One object constructed in the arena, for state that must outlive the
    // jump to the program (lazy binding and finalisers still use it).
    template <class T, class... Args> T* create(Args&&... args) {
        static_assert(alignof(T) <= alignment);
        return new (alloc(sizeof(T))) T(args...);
    }
    char* copy_string(const char* s, usize n);
    // Unmaps every chunk. Only the library build has it (lib/arena.cpp): the
    // executable never frees.
    void release();
    uptr page_size() const { return page_; }

    // The alignment of every allocation: the most any type allocated needs
    // (a u64 on 32-bit Arm), so that no call has to pass one.
    static constexpr usize alignment = 8;
    static constexpr usize first_chunk_size = 16 * 1024;  // the executable's (arena.cpp)
    static constexpr usize chunk_size = 64 * 1024;
    static constexpr usize limit = 256 * 1024 * 1024;

private:
    uptr page_;
    char* cur_ = nullptr;
    char* end_ = nullptr;
    usize total_ = 0;
};
