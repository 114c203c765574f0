# Shared set-up for every suite. The runner (tests/run.sh) exports ARCH and
# RUN, the emulator prefix for a foreign architecture (empty when native).
bats_require_minimum_version 1.5.0

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)  # from this file: suites may live in subfolders
: "${ARCH:=x86_64}"
: "${RUN:=}"
MINILOAD=$ROOT/build/$ARCH/miniload
FIX=$ROOT/build/$ARCH/fixtures
ELFPATCH=$ROOT/tests/lib/elfpatch.py
# Every run is bounded: a hang is a failure, not a stuck suite.
LIMIT=${TEST_TIMEOUT:-30}

# miniload ARGS...: run miniload (under the emulator when cross-testing).
ml() { timeout "$LIMIT" $RUN "$MINILOAD" "$@"; }
# direct PROGRAM ARGS...: run a program the way the kernel would.
direct() { timeout "$LIMIT" $RUN "$@"; }

# guest_env NAME=VALUE COMMAND...: COMMAND (`run` too) with NAME=VALUE in the
# environment of the program under test only. Under qemu-user it travels in
# QEMU_SET_ENV, as the build machine's ld.so that starts the emulator would
# act on it too (LD_PRELOAD naming a foreign library prints an error).
guest_env() {
    if [ -n "$RUN" ]; then local -x QEMU_SET_ENV="$1"; else local -x "$1"; fi
    shift
    "$@"
}

# For tests that use programs of the build machine itself (/bin/ls, busybox).
native_only() {
    [ -z "$RUN" ] || skip "uses the build machine's own programs, not $ARCH ones"
}
needs_root() {
    [ "$(id -u)" = 0 ] || skip "needs root"
}

# is_64bit: whether this architecture's ELF class is 64-bit.
is_64bit() { case $ARCH in x86_64|aarch64|riscv64) return 0 ;; *) return 1 ;; esac; }

# The interpreter named by a fixture's PT_INTERP (as the emulator resolves it).
interp_of() { readelf -lW "$1" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p'; }

# Exit status and output both compared: run PROGRAM directly and through
# miniload with the same arguments; the runs must be indistinguishable.
same_as_direct() {
    run direct "$@"
    local want_status=$status want_output=$output
    run ml "$@"
    [ "$output" = "$want_output" ] || { diff <(echo "$want_output") <(echo "$output"); return 1; }
    [ "$status" = "$want_status" ]
}
