// The four memory functions a freestanding compiler may call on its own.
// Built with -fno-tree-loop-distribute-patterns so GCC does not turn these
// loops back into calls to themselves.
//
// `used` keeps each through link-time optimisation, which would drop one that
// nothing calls yet: the compiler emits its own calls (zeroing or copying a
// structure) only later, as it generates code.
#include "types.hpp"

extern "C" {

// Word at a time where both ends allow it: mapping zeroes up to a page of
// .bss tail and the stack rewrite moves the whole environment, so bytes at
// a time would be most of miniload's work for small programs.
using Word = uptr __attribute__((may_alias));
constexpr usize word = sizeof(uptr);

__attribute__((used)) void* memcpy(void* dst, const void* src, usize n) {
    char* d = (char*)dst;
    const char* s = (const char*)src;
    if ((((uptr)d | (uptr)s) & (word - 1)) == 0)
        for (; n >= word; n -= word, d += word, s += word) *(Word*)d = *(const Word*)s;
    while (n--) *d++ = *s++;
    return dst;
}

__attribute__((used)) void* memmove(void* dst, const void* src, usize n) {
    char* d = (char*)dst;
    const char* s = (const char*)src;
    if (d <= s || d >= s + n) return memcpy(dst, src, n);
    while (n--) d[n] = s[n];
    return dst;
}

__attribute__((used)) void* memset(void* dst, int c, usize n) {
    char* d = (char*)dst;
    for (; n && (uptr)d & (word - 1); --n) *d++ = (char)c;
    Word w = (unsigned char)c * (~(uptr)0 / 255);
    for (; n >= word; n -= word, d += word) *(Word*)d = w;
    while (n--) *d++ = (char)c;
    return dst;
}

__attribute__((used)) int memcmp(const void* a, const void* b, usize n) {
    const unsigned char *x = (const unsigned char*)a, *y = (const unsigned char*)b;
    for (; n; --n, ++x, ++y)
        if (*x != *y) return *x - *y;
    return 0;
}

}
