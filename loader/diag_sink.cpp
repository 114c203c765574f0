// Where diagnostics go: straight to the file descriptor, a write per piece,
// and a fatal one ends the process. The library build has its own sink
// (lib/diag_sink.cpp), which ends the load instead; diag.cpp formats for both.
#include "diag.hpp"
#include "syscalls.hpp"

namespace diag {

Line& Line::str(const char* s, usize n) {
    sys::write(fd_, s, n);
    return *this;
}

void Line::emit() { str("\n", 1); }

void Line::die() {
    emit();
    sys::exit_group(exit_status);
}

}  // namespace diag
