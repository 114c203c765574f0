# The command line, in the spirit of glibc's ld.so.
load lib/common

@test "--help prints every option on stdout and exits 0" {
    run -0 --separate-stderr ml --help
    [ "${lines[0]}" = "Usage: miniload [OPTIONS] [--] PROGRAM [ARGS...]" ]
    for opt in --argv0 --interp --self-link --library-path --preload --bind-now --list --verify --debug --keep-exe --help --version; do
        [[ "$output" == *"  $opt"* ]] || { echo "missing $opt"; return 1; }
    done
    [ -z "$stderr" ]
}

@test "--version prints the version and exits 0" {
    run -0 ml --version
    [[ "$output" =~ ^miniload\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "no program: usage on stderr, exit 127" {
    run -127 --separate-stderr ml
    [ -z "$output" ]
    [[ "$stderr" == "Usage: miniload [OPTIONS] [--] PROGRAM [ARGS...]"* ]]
    run -127 --separate-stderr ml --argv0 x --
    [[ "$stderr" == "Usage: miniload"* ]]
}

@test "an unknown option is an error" {
    run -127 --separate-stderr ml --frobnicate "$FIX/nolibc-static"
    [ "$stderr" = "miniload: --frobnicate: unknown option (try --help)" ]
    run -127 --separate-stderr ml -x "$FIX/nolibc-static"
    [ "$stderr" = "miniload: -x: unknown option (try --help)" ]
}

@test "an option without its value is an error" {
    run -127 --separate-stderr ml --argv0
    [ "$stderr" = "miniload: --argv0: option needs a value (try --help)" ]
    run -127 --separate-stderr ml --interp
    [ "$stderr" = "miniload: --interp: option needs a value (try --help)" ]
}

@test "-- ends the options, so PROGRAM may start with a dash" {
    cp "$FIX/nolibc-static" "$BATS_TEST_TMPDIR/-prog"
    cd "$BATS_TEST_TMPDIR"
    run -41 ml -- -prog
    [ "${lines[2]}" = "-prog" ]
}
