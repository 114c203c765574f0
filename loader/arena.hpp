// One bump arena for everything miniload allocates: object records, copies of
// headers, search-path strings. Backed by anonymous mmap in chunks; nothing is
// freed individually. Running out is a diagnosed limit, never a crash.
#pragma once
#include "types.hpp"

class Arena {
public:
    explicit Arena(uptr page_size) : page_(page_size) {}
    // Zeroed, aligned memory; exits with a diagnostic when the limit is hit.
    void* alloc(usize size, usize align = sizeof(void*));
    template <class T> T* make(usize count = 1) { return static_cast<T*>(alloc(sizeof(T) * count, alignof(T))); }
    char* copy_string(const char* s, usize n);
    uptr page_size() const { return page_; }

    static constexpr usize chunk_size = 64 * 1024;
    static constexpr usize limit = 256 * 1024 * 1024;

private:
    uptr page_;
    char* cur_ = nullptr;
    char* end_ = nullptr;
    usize total_ = 0;
};
