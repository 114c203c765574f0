// The library build's memory functions: those of loader/mem.cpp, a word at
// a time where both ends allow. The executable keeps the byte loops, which
// are smaller; here the zeroing of a segment's last page (map_image) and
// the copies of headers and buffers are on every load's path.
#include "types.hpp"

namespace {
constexpr usize word = sizeof(uptr);
bool aligned(const void* p) { return ((uptr)p & (word - 1)) == 0; }
}  // namespace

extern "C" {

void* memcpy(void* dst, const void* src, usize n) {
    char* d = (char*)dst;
    const char* s = (const char*)src;
    if (aligned(d) && aligned(s))
        for (; n >= word; n -= word, d += word, s += word) *(uptr*)d = *(const uptr*)s;
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
    for (; n && !aligned(d); --n) *d++ = (char)c;
    uptr w = (uptr)(unsigned char)c * (~(uptr)0 / 0xff);  // c in every byte
    for (; n >= word; n -= word, d += word) *(uptr*)d = w;
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
