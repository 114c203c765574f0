# The fuzz target (tests/fuzz/): miniload's core built for the build machine
# under libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer. Every
# committed input is replayed, then mutated ones are fed to it for
# FUZZ_SECONDS (a minute by default).
load lib/common

@test "the fuzz target replays its corpus and regressions, then survives a minute of fuzzing" {
    [ "$ARCH" = x86_64 ] || skip "the fuzz target is built for the build machine; it runs with the x86_64 suites"
    local cxx=${FUZZ_CXX:-clang++} probe=$BATS_TEST_TMPDIR/probe
    command -v "$cxx" >/dev/null || skip "$cxx is not installed"
    echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' > "$probe.cpp"
    "$cxx" -fsanitize=fuzzer,address,undefined -o "$probe" "$probe.cpp" 2>/dev/null ||
        skip "$cxx cannot link libFuzzer (install the libclang-rt-*-dev of this clang)"
    local seconds=${FUZZ_SECONDS:-60}
    run timeout $((seconds + 600)) make -s -C "$ROOT" fuzz FUZZ_CXX="$cxx" FUZZ_SECONDS="$seconds"
    # The figures a reader wants: inputs replayed, executions, coverage.
    printf '%s\n' "$output" | grep -E '^(replayed |#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss)' |
        sed 's/^/# /' >&3 || true
    [ "$status" -eq 0 ] || { printf '%s\n' "$output" | tail -n 60; return 1; }
}
