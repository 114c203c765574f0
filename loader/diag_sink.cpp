// Where diagnostics go: a line is gathered and written with one write, so
// that lines from processes sharing a descriptor (parallel builds, logs
// opened for appending) never interleave, and a fatal one ends the process.
// A line longer than the buffer goes out in buffer-sized writes. The
// library build has its own sink (lib/diag_sink.cpp), which ends the load
// instead; diag.cpp formats for both.
#include "diag.hpp"
#include "syscalls.hpp"

namespace diag {
namespace {
constexpr usize line_size = 256;  // the longest message with a full-length path takes two writes
bool to_stdout;                   // the line being gathered goes to stdout, not stderr
usize line_len;
char line[line_size];

void flush() {
    sys::write(to_stdout ? 1 : 2, line, line_len);
    line_len = 0;
}
}  // namespace

Line::Line(int fd) { to_stdout = fd == 1; }

Line Line::str(const char* s, usize n) {
    for (; n; --n) {
        if (line_len == line_size) flush();
        line[line_len++] = *s++;
    }
    return Line(Same{});
}

void Line::emit() {
    str("\n", 1);
    flush();
    to_stdout = false;  // the next line goes to stderr unless it says otherwise
}

void Line::die() {
    emit();
    sys::exit_group(exit_status);
}

}  // namespace diag
