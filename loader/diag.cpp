// Formatting diagnostics; diag_sink.cpp decides where they go.
#include "diag.hpp"

namespace diag {

const char* program;

namespace {

// The errno texts a loader meets, as one pointer-free blob: a byte with the errno value, then its
// NUL-terminated text. No relocations, and a lookup is one linear scan.
// alignas(1), here and for the other tables of bytes: the x86-64 ABI would
// start every array of 16 bytes or more on a 16-byte boundary, padding .rodata.
alignas(1) constexpr char errno_texts[] =
    "\x01Operation not permitted\0"
    "\x02No such file or directory\0"
    "\x08Not a regular file\0"  // miniload's own use of ENOEXEC (image.cpp)
    "\x0c" "Cannot allocate memory\0"
    "\x0dPermission denied\0"
    "\x11" "File exists\0"
    "\x14Not a directory\0"
    "\x15Is a directory\0"
    "\x16Invalid argument\0"
    "\x18Too many open files\0"
    "\x24" "File name too long\0";

}  // namespace

Line Line::str(const char* s) { return str(s, str_len(s)); }

namespace {

// One digit loop for both bases: numbers print only in messages.
Line digits(uptr v, unsigned base) {
    char tmp[20];
    usize n = sizeof tmp;
    do tmp[--n] = "0123456789abcdef"[v % base]; while (v /= base);
    return Line::str(tmp + n, sizeof tmp - n);
}

}  // namespace

Line Line::hex(uptr v) {
    str("0x", 2);
    return digits(v, 16);
}

Line Line::dec(uptr v) { return digits(v, 10); }

Line Line::err(long negative_errno) {
    unsigned long e = (unsigned long)-negative_errno;
    for (const char* p = errno_texts; p < errno_texts + sizeof errno_texts - 1;) {
        unsigned char code = (unsigned char)*p++;
        if (code == e) return str(p);
        p += str_len(p) + 1;
    }
    return str("error ").dec(e);
}

Line about(const char* path) {
    Line l;
    l.str("miniload: ").str(path).str(": ");
    return l;
}

void fail(const char* path, const char* reason) { about(path).str(reason).die(); }

void note(const char* path, const char* reason, long err) {
    about(path).str(reason).str(": ").err(err).emit();
}

void bad(const char* path, const char* what) { about(path).str("bad ").str(what).die(); }

void fail_errno(const char* path, const char* reason, long err) {
    about(path).str(reason).str(": ").err(err).die();
}

}  // namespace diag
