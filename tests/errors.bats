# Bad input: one line "miniload: PATH: reason" on stderr, exit 127, no crash.
load lib/common

setup() {
    T=$BATS_TEST_TMPDIR
    SHARED=
}

teardown() {
    [ -z "$SHARED" ] || rm -rf "$SHARED"
}

# fails_with PATH MESSAGE [MINILOAD ARGS...]: miniload must exit 127 with
# exactly "miniload: PATH: MESSAGE" on stderr and print nothing on stdout.
fails_with() {
    local path=$1 message=$2
    shift 2
    run -127 --separate-stderr ml "$@" "$path"
    [ "$stderr" = "miniload: $path: $message" ] || { echo "got: $stderr"; return 1; }
    [ -z "$output" ]
}

@test "missing file" {
    fails_with "$T/nothing-here" "cannot open: No such file or directory"
}

@test "a directory" {
    fails_with "$T" "cannot load: Is a directory"
}

@test "an unreadable file" {
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv >/dev/null || skip "setpriv not installed"
        # The unprivileged user must reach miniload by path (an emulator opens
        # it), and Bats' own temporary directories are private to root.
        SHARED=$(mktemp -d "${BATS_TMPDIR:-/tmp}/miniload-perm.XXXXXX")
        T=$SHARED
        chmod 755 "$T"
        cp "$MINILOAD" "$T/miniload"
        cp "$FIX/nolibc-static" "$T/secret"
        chmod 000 "$T/secret"
        run -127 --separate-stderr timeout "$LIMIT" setpriv --reuid=65534 --regid=65534 --clear-groups \
            $RUN "$T/miniload" "$T/secret"
    else
        cp "$FIX/nolibc-static" "$T/secret"
        chmod 000 "$T/secret"
        run -127 --separate-stderr ml "$T/secret"
    fi
    [ "$stderr" = "miniload: $T/secret: cannot open: Permission denied" ]
}

@test "an empty file" {
    : > "$T/empty"
    fails_with "$T/empty" "file is empty"
}

@test "a file that is not ELF" {
    printf '#!/bin/sh\necho hi\n' > "$T/script"
    fails_with "$T/script" "not an ELF file"
}

@test "a truncated ELF header" {
    head -c 40 "$FIX/nolibc-static" > "$T/short"
    fails_with "$T/short" "truncated ELF header"
}

@test "program headers cut off by truncation" {
    head -c 100 "$FIX/nolibc-static" > "$T/short"
    fails_with "$T/short" "program headers lie outside the file"
}

@test "segments cut off by truncation" {
    # Cut one byte short of the end of the segments' file bytes: where a file
    # puts its segments depends on the machine's page size, not on its length.
    local end=0 type offset vaddr paddr filesz rest
    while read -r type offset vaddr paddr filesz rest; do
        if [ "$type" = LOAD ] && [ $((offset + filesz)) -gt "$end" ]; then end=$((offset + filesz)); fi
    done < <(readelf -lW "$FIX/nolibc-static")
    [ "$end" -gt 0 ]
    head -c $((end - 1)) "$FIX/nolibc-static" > "$T/half"
    fails_with "$T/half" "segment lies outside the file"
}

@test "an ELF of the other class" {
    if is_64bit; then
        "$ELFPATCH" "$FIX/nolibc-static" "$T/other" 'ident[4]=1'
        fails_with "$T/other" "wrong ELF class: ELFCLASS32"
    else
        "$ELFPATCH" "$FIX/nolibc-static" "$T/other" 'ident[4]=2'
        fails_with "$T/other" "wrong ELF class: ELFCLASS64"
    fi
}

@test "an ELF for another machine" {
    local other=183 name  # EM_AARCH64, or EM_X86_64 on AArch64 itself
    case $ARCH in
        x86_64) name=x86-64 ;;
        aarch64) other=62 name=AArch64 ;;
        riscv64) name=RISC-V ;;
        i386) name="Intel 80386" ;;
        arm) name=ARM ;;
        *) skip "no machine name known for $ARCH" ;;
    esac
    "$ELFPATCH" "$FIX/nolibc-static" "$T/other" e_machine=$other
    fails_with "$T/other" "wrong machine type $other, expected $name"
}

@test "a big-endian ELF" {
    "$ELFPATCH" "$FIX/nolibc-static" "$T/be" 'ident[5]=2'
    fails_with "$T/be" "wrong byte order: not little-endian"
}

@test "a relocatable object" {
    fails_with "$FIX/object.o" "cannot load a relocatable object (ET_REL); link it first"
}

@test "a core file" {
    "$ELFPATCH" "$FIX/nolibc-static" "$T/core" e_type=4
    fails_with "$T/core" "cannot load a core dump (ET_CORE)"
}

@test "a missing interpreter" {
    run -127 --separate-stderr ml "$FIX/bad-interp"
    [ "$stderr" = "miniload: /nonexistent/ld-miniload-test.so: cannot open: No such file or directory" ]
}

@test "a missing --interp" {
    run -127 --separate-stderr ml --interp "$T/no-ld.so" "$FIX/auxv-dyn"
    [ "$stderr" = "miniload: $T/no-ld.so: cannot open: No such file or directory" ]
}

@test "a segment that would overlap miniload itself" {
    local top vaddr
    if is_64bit; then top=0x7ffffff00000; else top=0xfffe0000; fi
    # The segment ends 16 MiB below top wherever it starts: on a 32-bit
    # machine its own address is not negligible and must not wrap around.
    vaddr=$(readelf -lW "$FIX/nolibc-static" | awk '$1 == "LOAD" { v = $3 } END { print v }')
    "$ELFPATCH" "$FIX/nolibc-static" "$T/huge" "phdr[LOAD:-1].p_memsz=$((top - 0x1000000 - vaddr))"
    run -127 --separate-stderr ml "$T/huge"
    [[ "$stderr" =~ ^miniload:\ $T/huge:\ segments\ 0x[0-9a-f]+-0x[0-9a-f]+\ would\ overlap\ miniload\ itself$ ]]
}

@test "a FIFO is refused without blocking" {
    mkfifo "$T/fifo"
    fails_with "$T/fifo" "not a regular file"
}
