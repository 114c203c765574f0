// Fixed-width integers and the handful of freestanding helpers the core needs.
#pragma once

// Everything in miniload is internal to it. Declarations too, so that calls
// and address loads are direct and PC-relative on every arch and nothing
// needs a GOT slot before self-relocation has run.
#pragma GCC visibility push(hidden)

using u8 = unsigned char;
using u16 = unsigned short;
using u32 = unsigned int;
using u64 = unsigned long long;
using i32 = int;
using i64 = long long;
using uptr = unsigned long;   // a pointer-sized word on every Linux ABI we target
using usize = unsigned long;

extern "C" {
void* memcpy(void* dst, const void* src, usize n);
void* memmove(void* dst, const void* src, usize n);
void* memset(void* dst, int c, usize n);
int memcmp(const void* a, const void* b, usize n);
}

inline usize str_len(const char* s) {
    usize n = 0;
    while (s[n]) ++n;
    return n;
}
inline bool str_eq(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}
// Returns the text after `prefix` if `s` starts with it, else nullptr.
inline const char* str_after(const char* s, const char* prefix) {
    while (*prefix)
        if (*s++ != *prefix++) return nullptr;
    return s;
}

// String literals joined at compile time, so that a message or a list
// built from constants costs one string and no code: concat("a", "b").text.
template <usize N> struct Text {
    char text[N];
};
template <usize... N> constexpr Text<(N + ...) - sizeof...(N) + 1> concat(const char (&... parts)[N]) {
    Text<(N + ...) - sizeof...(N) + 1> t{};
    usize at = 0;
    auto add = [&](const char* part) {
        while (*part) t.text[at++] = *part++;
    };
    (add(parts), ...);
    return t;
}

// Overflow-safe arithmetic for values read from files.
template <class T> inline bool add_overflows(T a, T b, T* out) { return __builtin_add_overflow(a, b, out); }
template <class T> inline bool mul_overflows(T a, T b, T* out) { return __builtin_mul_overflow(a, b, out); }
// True when [off, off+len) fits inside [0, size).
template <class T> inline bool range_inside(T off, T len, T size) {
    T end;
    return !__builtin_add_overflow(off, len, &end) && end <= size;
}
inline uptr page_down(uptr v, uptr page) { return v & ~(page - 1); }
inline uptr page_up(uptr v, uptr page) { return (v + page - 1) & ~(page - 1); }
