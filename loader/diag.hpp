// The one diagnostics sink. A message is built piece by piece, with no
// formatting engine. Fatal errors always exit with status 127, as ld.so
// does. Where the pieces go is diag_sink.cpp's business: the executable
// writes each line with one write; the library build swaps in its own sink
// (lib/diag_sink.cpp), which keeps the message and ends the load instead of
// the process.
#pragma once
#include "types.hpp"

namespace diag {

constexpr int exit_status = 127;

// The program being loaded: the PATH of messages about no file in
// particular (memory exhausted, a mapped file shrinking under miniload).
extern const char* program;

// A line holds nothing: the sink keeps where it goes (stderr, unless the
// constructor names stdout, 1) and the text until the line ends, and the
// pieces are static, so that a piece costs its caller only its argument (no
// object to pass along the chain).
class Line {
public:
    Line() {}               // to stderr
    explicit Line(int fd);  // to stdout when fd is 1
    static Line str(const char* s);
    static Line str(const char* s, usize n);
    static Line hex(uptr v);
    static Line dec(uptr v);               // word-sized: no 64-bit division on 32-bit machines
    static Line err(long negative_errno);  // strerror-style text of -errno
    static void emit();                    // ends the line
    [[noreturn]] static void die();        // emit, then exit 127

private:
    struct Same {};
    explicit Line(Same) {}  // the line goes on where it went
};

// "miniload: PATH: " — the start of every message about a file.
Line about(const char* path);

// "miniload: PATH: REASON" and exit 127.
[[noreturn]] void fail(const char* path, const char* reason);
// "miniload: PATH: bad WHAT" and exit 127: WHAT names a part of the file.
[[noreturn]] void bad(const char* path, const char* what);
// "miniload: PATH: REASON: strerror(-err)" and exit 127.
[[noreturn]] void fail_errno(const char* path, const char* reason, long err);
// The same line, and go on.
void note(const char* path, const char* reason, long err);

}  // namespace diag
