// The one diagnostics sink. A message is built into a fixed buffer and leaves
// in a single write, so lines from miniload never interleave with the
// program's output. Fatal errors always exit with status 127, as ld.so does.
#pragma once
#include "types.hpp"

namespace diag {

constexpr int exit_status = 127;

class Line {
public:
    Line() = default;
    Line& str(const char* s);
    Line& str(const char* s, usize n);
    Line& hex(u64 v);
    Line& dec(uptr v);  // word-sized: no 64-bit division on 32-bit machines
    Line& err(long negative_errno);  // strerror-style text of -errno
    void emit(int fd = 2);
    [[noreturn]] void die();         // emit, then exit 127

private:
    char buf_[512];
    usize len_ = 0;
};

// "miniload: PATH: " — the start of every message about a file.
Line about(const char* path);

// "miniload: PATH: REASON" and exit 127.
[[noreturn]] void fail(const char* path, const char* reason);
// "miniload: PATH: REASON: strerror(-err)" and exit 127.
[[noreturn]] void fail_errno(const char* path, const char* reason, long err);

}  // namespace diag
