# Static programs: mapped at their own addresses (ET_EXEC) or anywhere
# (static-PIE), entered with the program's own auxv.
load lib/common

@test "a -nostdlib static program runs with argv, output and exit status intact" {
    run -43 ml "$FIX/nolibc-static" one 'two words'
    [ "${lines[0]}" = "argc=3" ]
    [ "${lines[2]}" = "$FIX/nolibc-static" ]
    [ "${lines[3]}" = "one" ]
    [ "${lines[4]}" = "two words" ]
}

@test "a -nostdlib static-PIE without self-relocation runs" {
    same_as_direct "$FIX/nolibc-static-pie" a b
    [ "$status" = 43 ]
}

@test "glibc static program sees its own auxv" {
    same_as_direct "$FIX/auxv-static" x
    [ "$status" = 42 ]
    [[ "$output" == *"phdr=ok"*"phnum=ok"*"entry=ok"*"execfn=$FIX/auxv-static"*"base=zero"* ]]
}

@test "glibc static-PIE relocates itself once and sees its own auxv" {
    # fixtures.mk builds it wherever the C library ships rcrt1.o.
    [ -e "$FIX/auxv-static-pie" ] || skip "the $ARCH C library has no static-PIE start code (rcrt1.o)"
    same_as_direct "$FIX/auxv-static-pie" x y
    [ "$status" = 43 ]
    [[ "$output" == *"phdr=ok"*"entry=ok"*"base=zero"* ]]
}

@test "musl static and static-PIE programs run" {
    native_only
    same_as_direct "$FIX/auxv-musl-static" a
    [[ "$output" == *"phdr=ok"*"entry=ok"* ]]
    same_as_direct "$FIX/auxv-musl-static-pie" a
    [[ "$output" == *"phdr=ok"*"entry=ok"* ]]
}

@test "a static program's p_align moves nothing: it runs at its own addresses" {
    # Only where the loader picks the address (ET_DYN) does p_align count.
    local t=$BATS_TEST_TMPDIR/aligned
    "$ELFPATCH" "$FIX/nolibc-static" "$t" 'phdr[LOAD:all].p_align=0x40000000'
    run -43 ml "$t" one 'two words'
    [ "${lines[0]}" = "argc=3" ]
    [ "${lines[3]}" = "one" ]
}

@test "stack keeps the kernel's alignment whatever miniload consumed" {
    run direct "$FIX/nolibc-static"
    local want=${lines[1]}
    [[ "$want" == "sp%16="* ]]
    run -41 ml "$FIX/nolibc-static";                                   [ "${lines[1]}" = "$want" ]
    run -41 ml -- "$FIX/nolibc-static";                                [ "${lines[1]}" = "$want" ]
    run -41 ml --argv0 x "$FIX/nolibc-static";                         [ "${lines[1]}" = "$want" ]
    run -41 ml --argv0 x -- "$FIX/nolibc-static";                      [ "${lines[1]}" = "$want" ]
    run -41 ml --argv0 x --argv0=y -- "$FIX/nolibc-static";            [ "${lines[1]}" = "$want" ]
}

@test "busybox-static runs its shell with argv passed through" {
    native_only
    run -0 ml /bin/busybox sh -c 'echo $0 "$@"' a b 'c d'
    [ "$output" = "a b c d" ]
}

@test "stdin, stdout, stderr and exit status pass through" {
    native_only
    run -0 --separate-stderr bash -c "echo hello | timeout 10 '$MINILOAD' /bin/busybox tr a-z A-Z"
    [ "$output" = "HELLO" ]
    run -3 --separate-stderr ml /bin/busybox sh -c 'echo out; echo err >&2; exit 3'
    [ "$output" = "out" ]
    [ "$stderr" = "err" ]
}

@test "environment passes through unchanged" {
    MINILOAD_TEST='v a l' same_as_direct "$FIX/auxv-static"
    [[ "$output" == *"env=v a l"* ]]
    native_only
    run -0 env -i A=1 B=2 "$MINILOAD" /bin/busybox env
    [ "$output" = $'A=1\nB=2' ]
}
