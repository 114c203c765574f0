// The four memory functions a freestanding compiler may call on its own.
// Built with -fno-tree-loop-distribute-patterns so GCC does not turn these
// loops back into calls to themselves.
#include "types.hpp"

extern "C" {

void* memcpy(void* dst, const void* src, usize n) {
    char* d = (char*)dst;
    const char* s = (const char*)src;
    while (n--) *d++ = *s++;
    return dst;
}

void* memmove(void* dst, const void* src, usize n) {
    char* d = (char*)dst;
    const char* s = (const char*)src;
    if (d <= s || d >= s + n) return memcpy(dst, src, n);
    while (n--) d[n] = s[n];
    return dst;
}

void* memset(void* dst, int c, usize n) {
    char* d = (char*)dst;
    while (n--) *d++ = (char)c;
    return dst;
}

int memcmp(const void* a, const void* b, usize n) {
    const unsigned char *x = (const unsigned char*)a, *y = (const unsigned char*)b;
    for (; n; --n, ++x, ++y)
        if (*x != *y) return *x - *y;
    return 0;
}

}
