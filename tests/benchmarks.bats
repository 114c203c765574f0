# make bench's programs and harness, without timing anything: every command
# of rows 1 to 5 runs once through the kernel, miniload, glibc's ld.so and
# musl's loader, and the programs check what they were given (row 4's test
# every one of their 100k pointers and calls), so a bench that could no
# longer run on a fresh machine, or a loader that binds something wrong
# there, fails here.
load lib/common

@test "make bench-verify: every benchmark command runs and checks its answers" {
    [ "$ARCH" = x86_64 ] || skip "make bench measures x86_64 only"
    run make -C "$ROOT" -s bench-verify
    echo "$output"
    [ "$status" = 0 ]
    [[ "$output" =~ bench:\ ([0-9]+)\ of\ ([0-9]+)\ commands\ ran ]]
    [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] && [ "${BASH_REMATCH[1]}" -ge 30 ]
}
