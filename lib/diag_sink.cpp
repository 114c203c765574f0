// The library build's diagnostics sink and the load lock (see context.hpp).
// A message about the current load is gathered into its Context instead of
// being written; a fatal one unwinds to the API entry instead of exiting.
#include "context.hpp"
#include "diag.hpp"
#include "syscalls.hpp"

namespace lib {
namespace {

// Guarded by the lock. owner_tid is set after current and cleared before
// it, so a thread that reads its own id there knows current is its own.
Context* current;
long owner_tid;
int lock_word;  // 0 free, 1 held, 2 held and someone may be waiting

long futex(int* word, int op, int value) {
    return sys::sc(__NR_futex, (long)word, op, value, 0, 0, 0);
}
constexpr int futex_wait = 128 | 0, futex_wake = 128 | 1;  // FUTEX_*_PRIVATE

void lock() {
    int expected = 0;
    if (__atomic_compare_exchange_n(&lock_word, &expected, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    while (__atomic_exchange_n(&lock_word, 2, __ATOMIC_ACQUIRE) != 0) futex(&lock_word, futex_wait, 2);
}

void unlock() {
    if (__atomic_exchange_n(&lock_word, 0, __ATOMIC_RELEASE) == 2) futex(&lock_word, futex_wake, 1);
}

void append(Context& c, const char* s, usize n) {
    usize room = message_size - 1 - c.line_len;
    if (n > room) n = room;
    memcpy(c.line + c.line_len, s, n);
    c.line_len += n;
}

// The line written so far becomes the message.
void keep(Context& c) {
    memcpy(c.message, c.line, c.line_len);
    c.message[c.line_len] = 0;
    c.message_len = c.line_len;
    c.has_message = true;
    c.line_len = 0;
}

}  // namespace

long gettid() { return sys::sc(__NR_gettid); }

void begin(Context& c) {
    lock();
    c.tid = gettid();
    c.has_message = false;
    c.line_len = c.message_len = 0;
    c.message[0] = 0;
    current = &c;
    __atomic_store_n(&owner_tid, c.tid, __ATOMIC_RELEASE);
}

void end() {
    __atomic_store_n(&owner_tid, 0, __ATOMIC_RELEASE);
    current = nullptr;
    unlock();
}

Context* owned() {
    return __atomic_load_n(&owner_tid, __ATOMIC_ACQUIRE) == gettid() ? current : nullptr;
}

void fail_recorded() { __builtin_longjmp(owned()->jump, 1); }

}  // namespace lib

namespace diag {

// What a load does not keep goes to standard error, whatever the line asked
// for: the host's standard output is its own (the core writes there only
// for the executable's --list).
Line::Line(int) {}

Line Line::str(const char* s, usize n) {
    if (lib::Context* c = lib::owned()) lib::append(*c, s, n);
    else sys::write(2, s, n);
    return Line(Same{});
}

// Only the first line reported during a load is kept: relocation reports
// each undefined symbol and goes on, and the first one is the answer.
void Line::emit() {
    if (lib::Context* c = lib::owned()) {
        if (c->has_message) c->line_len = 0;
        else lib::keep(*c);
        return;
    }
    str("\n", 1);
}

void Line::die() {
    if (lib::Context* c = lib::owned()) {
        lib::keep(*c);
        __builtin_longjmp(c->jump, 1);
    }
    str("\n", 1);
    sys::exit_group(exit_status);
}

}  // namespace diag
