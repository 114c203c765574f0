# Malformed files. tests/malformed/generate.py derives every case listed in
# tests/malformed/cases from this architecture's fixtures, once; each test
# below runs miniload on the cases of one section of the list. miniload must
# exit 127 with exactly "miniload: PATH: reason" on stderr, print nothing on
# stdout, and neither die of a signal nor hang (the suites' timeout). The
# cases that need more than a derived file are tests of their own, below.
load ../lib/common

setup_file() {
    export CASES=$BATS_FILE_TMPDIR/cases
    mkdir -p "$CASES"
    "$ROOT/tests/malformed/generate.py" "$FIX" "$CASES" > "$CASES/manifest"
}

setup() {
    T=$BATS_TEST_TMPDIR
}

# fails_as PATH REASON ARGS...: miniload ARGS fails as it should, about PATH.
fails_as() {
    local path=$1 reason=$2
    shift 2
    run -127 --separate-stderr ml "$@"
    [ "$stderr" = "miniload: $path: $reason" ] ||
        { printf 'expected: miniload: %s: %s\ngot:      %s\n' "$path" "$reason" "$stderr"; return 1; }
    [ -z "$output" ] || { echo "stdout: $output"; return 1; }
}

# section NAME: runs every case of that section, reports each one that
# fails, and fails if any did (or if the section has no cases).
section() {
    local want=$1 cases=0 failed=0 sect name path reason rest code out err
    local -a args
    while IFS=$'\t' read -r sect name path reason rest; do
        [ "$sect" = "$want" ] || continue
        IFS=$'\t' read -r -a args <<< "$rest"
        cases=$((cases + 1))
        code=0
        ml "${args[@]}" > "$T/stdout" 2> "$T/stderr" || code=$?
        out=$(< "$T/stdout") err=$(< "$T/stderr")
        if [ "$code" -gt 128 ]; then
            echo "FAIL $name: killed by signal $((code - 128))"
        elif [ "$code" = 124 ]; then
            echo "FAIL $name: still running after ${LIMIT}s"
        elif [ "$code" != 127 ] || [ "$err" != "miniload: $path: $reason" ] || [ -n "$out" ]; then
            printf 'FAIL %s: status %s\n  expected: miniload: %s: %s\n  got:      %s\n' "$name" "$code" "$path" "$reason" "$err"
            [ -z "$out" ] || printf '  stdout:   %s\n' "$out"
        else
            continue
        fi
        failed=$((failed + 1))
    done < "$CASES/manifest"
    echo "$want: $cases cases, $failed failed"
    [ "$cases" -gt 0 ] && [ "$failed" = 0 ]
}

@test "truncated at each header boundary" { section "truncated files"; }
@test "ELF header fields out of range" { section "ELF header fields"; }
@test "program headers: bad, unsorted, overlapping and page-sharing segments" { section "program headers"; }
@test "dynamic entries pointing outside the image" { section "dynamic entries"; }
@test "bad hash tables" { section "hash tables"; }
@test "bad symbols" { section "symbols"; }
@test "bad symbol versions" { section "symbol versions"; }
@test "bad relocations" { section "relocations"; }
@test "RELR garbage" { section "RELR"; }

@test "every case of the list belongs to a section tested above" {
    local sections
    sections=$(cut -f1 "$CASES/manifest" | sort -u | tr '\n' ,)
    [ "$sections" = "ELF header fields,RELR,dynamic entries,hash tables,program headers,relocations,symbol versions,symbols,truncated files," ]
    [ "$(wc -l < "$CASES/manifest")" -ge 100 ]
}

# --- cases beyond a derived file ---

@test "DT_GNU_HASH: chains that never end find nothing they should not" {
    # Every chain entry without its end bit: a walk runs on to the end of
    # the symbols, and finds only what matches by name.
    mkdir -p "$T/lib"
    local edits=() i n
    n=$(readelf --dyn-syms -W "$FIX/lib/libanswer.so" | grep -c '^ *[0-9]*:')
    for ((i = 0; i < n; ++i)); do edits+=("gnuhash.chain[$i]=old&~1 if $i<$n-get('gnuhash.symoffset') else old"); done
    "$ELFPATCH" "$FIX/lib/libanswer.so" "$T/lib/libanswer.so" "${edits[@]}"
    run -0 ml --bind-now --library-path "$T/lib:$FIX/lib" "$FIX/link-basic"
    [[ "$output" == *"answer=42"* ]]
}

@test "DT_HASH: a chain that loops" {
    # Every symbol's chain leads to itself: a lookup must give up, not spin.
    mkdir -p "$T/lib"
    local edits=() i n
    n=$(readelf --dyn-syms -W "$FIX/lib/libsysv.so" | grep -c '^ *[0-9]*:')
    for ((i = 1; i < n; ++i)); do edits+=("hash.chain[$i]=$i"); done
    "$ELFPATCH" "$FIX/lib/libsysv.so" "$T/lib/libsysv.so" "${edits[@]}"
    run -127 --separate-stderr ml --bind-now --library-path "$T/lib:$FIX/lib" "$FIX/link-misc"
    # Each symbol the program takes from libsysv is now undefined.
    [ -n "$stderr" ]
    ! printf '%s\n' "$stderr" | grep -v "^miniload: $FIX/link-misc: undefined symbol: sysv_"
}

@test "PLT: a lazy call with an index far past the PLT's relocations" {
    # The index comes from the PLT's code; on x86_64 each entry pushes it
    # (push imm32, right where the lazy GOT slot first points).
    [ "$ARCH" = x86_64 ] || skip "rewrites an x86_64 PLT entry's push"
    "$ELFPATCH" "$FIX/link-basic" "$T/link-basic" \
        'u32[off(get("word[%d]" % off(get("plt[0].r_offset")))) + 1]=0x7ffffff0'
    chmod +x "$T/link-basic"
    fails_as "$T/link-basic" "lazy call through a bad PLT entry" --library-path "$FIX/lib" "$T/link-basic"
}

@test "relocations: TLS without a PT_TLS segment" {
    mkdir -p "$T/lib"
    "$ELFPATCH" "$FIX/lib/libtls1.so" "$T/lib/libtls1.so" 'phdr[TLS].p_type=0'
    run -127 --separate-stderr ml --library-path "$T/lib:$FIX/lib" "$FIX/link-tls"
    # Whichever object first refers to libtls1's variables says so.
    [[ "$stderr" =~ ^miniload:\ [^:]+:\ TLS\ relocation\ without\ PT_TLS$ ]]
    [ -z "$output" ]
}

@test "limits: a library path entry longer than a path may be" {
    local long
    long=$(printf 'd%.0s' $(seq 5000))
    fails_as "$FIX/link-basic" "libanswer.so: cannot open shared object file: File name too long" \
        --library-path "$T/$long" "$FIX/link-basic"
}

@test "limits: a preloaded library's name longer than a path may be" {
    local long
    long=lib$(printf 'd%.0s' $(seq 5000)).so
    fails_as "$FIX/link-basic" "$long: cannot open shared object file: File name too long" \
        --library-path "$FIX/lib" --preload "$long" "$FIX/link-basic"
}

@test "limits: more objects than miniload links" {
    # A chain of 1100 libraries, each needing the next: copies of the chain
    # fixture's first link with its names rewritten in place.
    mkdir -p "$T/lib/chain"
    python3 - "$FIX" "$T" <<'PY'
import sys
fix, out = sys.argv[1:]
lib = open(f"{fix}/lib/chain/libchain0.so", "rb").read()
name = lambda i: b"l%08d.so" % i  # as long as "libchain0.so"
for i in range(1100):
    data = lib.replace(b"libchain0.so", name(i)).replace(b"libchain1.so", name(i + 1))
    open(f"{out}/lib/chain/l{i:08d}.so", "wb").write(data)
prog = open(f"{fix}/link-chain", "rb").read()
open(f"{out}/prog", "wb").write(prog.replace(b"libchain0.so", name(0)))
PY
    chmod +x "$T/prog"
    # The program and 1023 libraries fit; the next one does not.
    fails_as "$T/lib/chain/l00001023.so" "too many objects (limit 1024)" --list "$T/prog"
}

@test "limits: a library named 240000 times, with 4000 versions needed from it" {
    # Well-formed but for its counts: checking the versions once per naming
    # of the library took seconds natively and minutes under qemu-user.
    "$ROOT/tests/malformed/repeat-needed.py" "$FIX/link-ver-new" "$T/prog" 240000 4000
    LIMIT=10 run -0 ml --library-path "$FIX/lib" --verify "$T/prog"
}
