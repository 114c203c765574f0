// The load under way, for the library build's diagnostics sink.
//
// In the executable a diagnostic ends the process. In the library it ends
// the load instead: diag::die() (lib/diag.cpp) stores the message in the
// load's Context and __builtin_longjmp()s back to the API entry that called
// __builtin_setjmp() on it, which then undoes what the load did. Loads are
// serialised by one lock, so there is one current Context at most; it is
// only acted on by the thread that owns it. A diagnostic raised anywhere
// else (a lazy call that cannot be bound, on any thread, or while a library
// runs its initialisers) ends the process as in the executable, which is
// also what ld.so does.
#pragma once
#include "types.hpp"

namespace lib {

constexpr usize message_size = 4608;  // MINILOAD_ERROR_MAX

struct Context {
    void* jump[5];                // __builtin_setjmp's buffer
    long tid;                     // the thread that owns the load
    bool has_message;
    usize line_len, message_len;
    char line[message_size];      // the line being written
    char message[message_size];   // the first reported line, or the fatal one
};

// Takes the load lock and makes `c` the current context of this thread.
void begin(Context& c);
// Drops the current context and the lock.
void end();
// The current context if this thread owns it, else null.
Context* owned();
// Ends the current load with the message already recorded (the first
// undefined symbol, reported without dying).
[[noreturn]] void fail_recorded();

long gettid();

}  // namespace lib
