# Programs with a PT_INTERP are handed to their interpreter as the kernel
# would: interpreter mapped, AT_BASE set, the program's auxv, jump.
load lib/common

@test "glibc PIE program is handed to ld.so and sees its own auxv" {
    MINILOAD_TEST=x same_as_direct "$FIX/auxv-dyn" a 'b c'
    [ "$status" = 43 ]
    [[ "$output" == *"phdr=ok"*"phnum=ok"*"entry=ok"*"execfn=$FIX/auxv-dyn"*"base=interpreter"* ]]
}

@test "glibc non-PIE (ET_EXEC) dynamic program is handed over" {
    same_as_direct "$FIX/auxv-nopie" a
    [[ "$output" == *"phdr=ok"*"entry=ok"*"base=interpreter"* ]]
}

@test "musl dynamic program is handed to musl's loader" {
    native_only
    same_as_direct "$FIX/auxv-musl-dyn" a
    [[ "$output" == *"phdr=ok"*"entry=ok"* ]]
}

@test "--argv0 sets argv[0] while AT_EXECFN keeps the path" {
    run -42 ml --argv0 renamed "$FIX/auxv-dyn" x
    [[ "$output" == *"argv[0]=renamed"*"argv[1]=x"*"execfn=$FIX/auxv-dyn"* ]]
    run -41 ml --argv0=other "$FIX/auxv-static"
    [[ "$output" == *"argv[0]=other"* ]]
}

@test "options after PROGRAM belong to PROGRAM" {
    run -44 ml "$FIX/auxv-dyn" --help -- --version
    [[ "$output" == *"argv[1]=--help"*"argv[2]=--"*"argv[3]=--version"* ]]
}

@test "--interp hands over to another interpreter" {
    local interp
    interp=$(interp_of "$FIX/auxv-dyn")
    [ -n "$interp" ]
    run -127 --separate-stderr ml "$FIX/bad-interp"
    run -41 ml --interp "$interp" "$FIX/bad-interp"
    [[ "$output" == *"entry=ok"*"base=interpreter"* ]]
    run -41 ml --interp="$interp" "$FIX/bad-interp"
}

@test "system programs run through miniload: ls, env, bash, python3" {
    native_only
    same_as_direct /bin/ls -l "$ROOT/tests"
    MINILOAD_TEST=1 same_as_direct /usr/bin/env
    run -0 ml /bin/bash -c 'echo "$0" "$1"' zero one
    [ "$output" = "zero one" ]
    [ -x /usr/bin/python3 ] || skip "python3 not installed"
    run -0 ml /usr/bin/python3 -c 'import sys; print(sys.argv)' a
    [ "$output" = "['-c', 'a']" ]
}

@test "klibc program with an ET_EXEC interpreter runs" {
    native_only
    [ -x /usr/lib/klibc/bin/cat ] || skip "klibc-utils not installed"
    readelf -h /lib/klibc-*.so | grep -q 'EXEC (Executable file)'
    run -0 ml /usr/lib/klibc/bin/cat "$BATS_TEST_FILENAME"
    [ "$output" = "$(cat "$BATS_TEST_FILENAME")" ]
}
