# Resource faults: a PROGRAM that is not a file, no descriptor or address
# space left, a file that shrinks while miniload reads it. Each must end as
# bad input does: exit 127, one "miniload: PATH: reason" line, no signal.
#
# Faults the kernel only gives by chance are made deterministic on the
# build machine: strace injects a system call's failure (the result the
# kernel would return had the file shrunk, or memory run out), and gdb stops
# miniload between mapping a file and reading it, to cut the file short.
# Under qemu-user both would act on the emulator instead, so those tests run
# with the x86_64 suites only.
load ../lib/common

setup() {
    T=$BATS_TEST_TMPDIR
}

# fails_as PATH REASON COMMAND...: COMMAND exits 127, with exactly
# "miniload: PATH: REASON" on stderr and nothing on stdout.
fails_as() {
    local path=$1 reason=$2
    shift 2
    run -127 --separate-stderr "$@"
    [ "$stderr" = "miniload: $path: $reason" ] ||
        { printf 'expected: miniload: %s: %s\ngot:      %s\n' "$path" "$reason" "$stderr"; return 1; }
    [ -z "$output" ] || { echo "stdout: $output"; return 1; }
}

# span_end FILE: the page-rounded end of FILE's last PT_LOAD, in hex.
span_end() {
    local end=0 type offset vaddr paddr filesz memsz rest
    while read -r type offset vaddr paddr filesz memsz rest; do
        if [ "$type" = LOAD ]; then end=$((vaddr + memsz)); fi
    done < <(readelf -lW "$1")
    printf '0x%x' $(((end + 4095) & ~4095))
}

native_tool() {
    [ -z "$RUN" ] || skip "$1 would trace the emulator, not $ARCH's miniload"
    command -v "$1" >/dev/null || skip "$1 is not installed"
}

@test "/dev/zero as PROGRAM" {
    fails_as /dev/zero "not a regular file" ml /dev/zero
}

@test "a FIFO where a library is looked for" {
    mkdir "$T/lib"
    mkfifo "$T/lib/libanswer.so"
    fails_as "$FIX/link-basic" "libanswer.so: cannot open shared object file: Not a regular file" \
        ml --library-path "$T/lib" "$FIX/link-basic"
}

@test "no address space left for the segments" {
    # More than the machine's user address space.
    local size=0xf0000000
    if is_64bit; then size=$((1 << 47)); fi
    "$ELFPATCH" "$FIX/nolibc-static-pie" "$T/huge" "phdr[LOAD:-1].p_memsz=$size"
    fails_as "$T/huge" "cannot map segments 0x0-$(span_end "$T/huge"): Cannot allocate memory" ml "$T/huge"
}

@test "ulimit -v: too little virtual memory for the segments" {
    is_64bit || [ -z "$RUN" ] || skip "qemu-user reserves a 32-bit guest's whole address space before it starts"
    "$ELFPATCH" "$FIX/nolibc-static-pie" "$T/big" "phdr[LOAD:-1].p_memsz=0x40000000"
    fails_as "$T/big" "cannot map segments 0x0-$(span_end "$T/big"): Cannot allocate memory" \
        bash -c 'ulimit -v 400000 && exec "$@"' - timeout "$LIMIT" $RUN "$MINILOAD" "$T/big"
}

@test "ulimit -n: no descriptor left to open PROGRAM" {
    [ -z "$RUN" ] || skip "qemu-user needs descriptors of its own before miniload runs"
    fails_as "$FIX/nolibc-static" "cannot open: Too many open files" \
        bash -c 'ulimit -n 3 && exec "$@"' - "$MINILOAD" "$FIX/nolibc-static"
}

@test "strace: no descriptor left to open a library" {
    native_tool strace
    fails_as "$FIX/link-basic" "libanswer.so: cannot open shared object file: Too many open files" \
        strace -o /dev/null -e trace=openat -e inject=openat:error=EMFILE:when=2 \
        "$MINILOAD" --library-path "$FIX/lib" "$FIX/link-basic"
}

@test "strace: PROGRAM shrinks before its headers are read" {
    native_tool strace
    fails_as "$FIX/nolibc-static" "file is truncated" \
        strace -o /dev/null -e trace=pread64 -e inject=pread64:retval=0:when=1 "$MINILOAD" "$FIX/nolibc-static"
}

@test "strace: a library shrinks before its headers are read" {
    native_tool strace
    fails_as "$FIX/lib/libanswer.so" "file is truncated" \
        strace -o /dev/null -e trace=pread64 -e inject=pread64:retval=0:when=2 \
        "$MINILOAD" --library-path "$FIX/lib" "$FIX/link-basic"
}

@test "strace: mmap fails for the segments" {
    native_tool strace
    # The first mmap is miniload's own memory, the second the segments' span.
    fails_as "$FIX/nolibc-static" "cannot map segments 0x400000-$(span_end "$FIX/nolibc-static"): Cannot allocate memory" \
        strace -o /dev/null -e trace=mmap -e inject=mmap:error=ENOMEM:when=2+ "$MINILOAD" "$FIX/nolibc-static"
}

@test "strace: mmap fails for miniload's own memory" {
    native_tool strace
    fails_as "$FIX/nolibc-static" "out of memory: Cannot allocate memory" \
        strace -o /dev/null -e trace=mmap -e inject=mmap:error=ENOMEM "$MINILOAD" "$FIX/nolibc-static"
}

# shrink_at BREAKPOINTS FILE ARGS...: runs miniload (its unstripped build,
# the same code) under gdb, stops at decode_dynamic for the BREAKPOINTS-th
# time, when the files so far are mapped but the latest one's tables are not
# read yet, cuts FILE to nothing, and lets miniload go on.
shrink_at() {
    local stop=$1 file=$2
    shift 2
    run timeout "$LIMIT" gdb -nx -batch -ex 'set startup-with-shell off' \
        -ex 'handle SIGBUS nostop noprint pass' -ex 'break decode_dynamic' -ex "ignore 1 $((stop - 1))" \
        -ex "run $*" -ex "shell truncate -s 0 $file" -ex continue --args "$ROOT/build/$ARCH/miniload.elf"
}

@test "gdb: PROGRAM shrinks after it was mapped" {
    native_tool gdb
    cp "$FIX/link-basic" "$T/prog"
    shrink_at 1 "$T/prog" --library-path "$FIX/lib" "$T/prog"
    [[ "$output" == *"miniload: $T/prog: a mapped file shrank while loading"$'\n'"[Inferior 1 (process "*") exited with code 0177]"* ]] ||
        { echo "$output"; return 1; }
}

@test "gdb: a library shrinks after it was mapped" {
    native_tool gdb
    mkdir "$T/lib"
    cp "$FIX/lib/libanswer.so" "$T/lib/"
    # decode_dynamic runs for the program, then for the library.
    shrink_at 2 "$T/lib/libanswer.so" --library-path "$T/lib" "$FIX/link-basic"
    [[ "$output" == *"miniload: $FIX/link-basic: a mapped file shrank while loading"$'\n'"[Inferior 1 (process "*") exited with code 0177]"* ]] ||
        { echo "$output"; return 1; }
}

@test "strace: a message is one write, and a long one arrives whole" {
    native_tool strace
    run -127 strace -o "$T/trace" -e trace=write "$MINILOAD" "$T/nothing-here"
    [ "$(grep -c '^write(2, ' "$T/trace")" -eq 1 ] || { cat "$T/trace"; return 1; }
    # Longer than the line buffer: several writes, the same text.
    local d=$(printf 'd%.0s' {1..100})
    local long="$T/$d/$d/$d/program"
    fails_as "$long" "cannot open: No such file or directory" ml "$long"
}
