// Where diagnostics go: straight to the file descriptor, a write per piece,
// and a fatal one ends the process. The library build has its own sink
// (lib/diag_sink.cpp), which ends the load instead; diag.cpp formats for both.
#include "diag.hpp"
#include "syscalls.hpp"

namespace diag {
namespace {
int line_fd;  // where the line being written goes
}

Line::Line(int fd) { line_fd = fd; }

Line Line::str(const char* s, usize n) {
    sys::write(line_fd, s, n);
    return Line(Same{});
}

void Line::emit() { str("\n", 1); }

void Line::die() {
    emit();
    sys::exit_group(exit_status);
}

}  // namespace diag
