# The program keeps its identity when started through miniload: its name
# always; /proc/self/exe, its command line and auxv when the privilege (and
# the kernel) allow; the break where the kernel put it. The tests compare a
# program run directly with the same program run through miniload; what
# needs root, the capabilities or a native /proc is skipped, with the reason,
# where those are missing.
load lib/common

setup() {
    SHARED=
}

teardown() {
    [ -z "$SHARED" ] || rm -rf "$SHARED"
}

# What qemu-user cannot show: it refuses prctl(PR_SET_MM) with EINVAL and
# answers the guest's /proc/self/exe, cmdline, stat and auxv itself.
needs_native_proc() {
    [ -z "$RUN" ] || skip "qemu-user refuses prctl(PR_SET_MM) and fakes /proc/self/exe, cmdline, stat and auxv"
}

# Root with a capability that lets a process point /proc/self/exe elsewhere:
# CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE (PR_SET_MM_MAP), CAP_SYS_RESOURCE
# (PR_SET_MM_EXE_FILE).
needs_exe_privilege() {
    [ "$(id -u)" = 0 ] || skip "needs root"
    local eff
    eff=$((16#$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)))
    (( eff >> 21 & 1 || eff >> 40 & 1 || eff >> 24 & 1 )) ||
        skip "root without CAP_SYS_ADMIN, CAP_CHECKPOINT_RESTORE or CAP_SYS_RESOURCE"
}

# PR_SET_MM_MAP, which sets the command line and auxv, exists only in
# kernels built with checkpoint/restore; its size query says whether it does.
needs_mm_map() {
    python3 -c 'import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
size = ctypes.c_uint(0)
sys.exit(libc.prctl(35, 15, ctypes.byref(size), 0, 0) != 0 or size.value == 0)' ||
        skip "the kernel has no prctl(PR_SET_MM_MAP) (built without CONFIG_CHECKPOINT_RESTORE)"
}

# The name exec gives a process: its file's last path component, 15 bytes.
comm_of() { local b=${1##*/}; echo "${b:0:15}"; }

@test "the process name is the program's file name, as when run directly" {
    local p
    for p in identity-static identity-handover; do
        run -0 ml "$FIX/$p" a
        [ "${lines[0]}" = "comm=$(comm_of "$p")" ] || { echo "$p: ${lines[0]}"; return 1; }
        # Under qemu-user the direct run is named after the emulator.
        if [ -z "$RUN" ]; then
            local via=${lines[0]}
            run -0 direct "$FIX/$p" a
            [ "${lines[0]}" = "$via" ]
        fi
    done
    # Longer than 15 bytes: cut as exec cuts it; self-linked; whatever --argv0
    # or --keep-exe say.
    run -0 ml --library-path "$FIX/lib" "$FIX/identity-selflink"
    [ "${lines[0]}" = "comm=identity-selfli" ]
    run -0 ml --keep-exe --argv0 other "$FIX/identity-static"
    [ "${lines[0]}" = "comm=identity-static" ]
}

@test "without the privilege the program still runs, and --debug says what was kept" {
    local dir=$BATS_TEST_TMPDIR as=()
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv >/dev/null || skip "setpriv not installed"
        # The unprivileged user must reach miniload and the program by path
        # (an emulator opens them), and Bats' temporary directories are root's.
        SHARED=$(mktemp -d "${BATS_TMPDIR:-/tmp}/miniload-identity.XXXXXX")
        chmod 755 "$SHARED"
        dir=$SHARED
        as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        local eff
        eff=$((16#$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)))
        if (( eff >> 21 & 1 || eff >> 40 & 1 || eff >> 24 & 1 )); then
            skip "runs with a capability that allows the change"
        fi
    fi
    cp "$MINILOAD" "$FIX/identity-static" "$dir/"
    run -0 --separate-stderr timeout "$LIMIT" "${as[@]}" $RUN "$dir/miniload" --debug "$dir/identity-static" a
    [ "${lines[0]}" = "comm=identity-static" ]
    if [ -z "$RUN" ]; then
        [ "${lines[1]}" = "exe=$dir/miniload" ]
        [[ "$stderr" == *"miniload: /proc/self/exe: not changed: Operation not permitted"* ]]
    else
        [[ "$stderr" == *"miniload: /proc/self/exe: not changed: Invalid argument"* ]]
    fi
    # Without --debug, nothing.
    run -0 --separate-stderr timeout "$LIMIT" "${as[@]}" $RUN "$dir/miniload" "$dir/identity-static" a
    [ "${lines[0]}" = "comm=identity-static" ]
    [ -z "$stderr" ]
}

@test "in a user namespace of its own, an unprivileged user's program gets /proc/self/exe too" {
    needs_native_proc
    command -v unshare >/dev/null || skip "unshare not installed"
    local -a as=()
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv >/dev/null || skip "setpriv not installed"
        SHARED=$(mktemp -d "${BATS_TMPDIR:-/tmp}/miniload-identity.XXXXXX")
        chmod 755 "$SHARED"
        as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        SHARED=$(mktemp -d "${BATS_TMPDIR:-/tmp}/miniload-identity.XXXXXX")
    fi
    "${as[@]}" unshare -Ur true 2>/dev/null || skip "this kernel lets no unprivileged user create a user namespace"
    cp "$MINILOAD" "$FIX/identity-static" "$SHARED/"
    # CAP_SYS_ADMIN inside the namespace is what PR_SET_MM_MAP asks for.
    run -0 --separate-stderr timeout "$LIMIT" "${as[@]}" unshare -Ur "$SHARED/miniload" --debug "$SHARED/identity-static" a
    [ "${lines[0]}" = "comm=identity-static" ]
    [ "${lines[1]}" = "exe=$SHARED/identity-static" ]
    [ -z "$stderr" ]
}

@test "/proc/self/exe, cmdline, stat and auxv of a static program are as when run directly" {
    needs_native_proc
    needs_exe_privilege
    needs_mm_map
    run -0 direct "$FIX/identity-static" one 'two words'
    local want=$output
    [[ "$want" == *"exe=$FIX/identity-static"*"cmdline=$FIX/identity-static|one|two words|"*"stack=ok"*"args=ok"*"brk=ok"*"auxv=ok"* ]]
    run -0 ml "$FIX/identity-static" one 'two words'
    [ "$output" = "$want" ] || { diff <(echo "$want") <(echo "$output"); return 1; }
    # miniload's own options leave no trace either.
    run -0 --separate-stderr ml --debug --self-link -- "$FIX/identity-static" one 'two words'
    [ "$output" = "$want" ]
}

@test "taking the identity moves only the segments that map miniload's file, and needs one successful call" {
    needs_native_proc
    needs_exe_privilege
    needs_mm_map
    command -v strace >/dev/null || skip "strace is not installed"
    # A segment of no file bytes (.bss alone) is anonymous memory already.
    local type offset vaddr paddr filesz rest mapping=0
    while read -r type offset vaddr paddr filesz rest; do
        if [ "$type" = LOAD ] && ((filesz)); then mapping=$((mapping + 1)); fi
    done < <(readelf -lW "$MINILOAD")
    run -0 strace -o "$BATS_TEST_TMPDIR/trace" -e trace=mremap,prctl "$MINILOAD" "$FIX/identity-static" one
    [[ "$output" == *"exe=$FIX/identity-static"*"cmdline=$FIX/identity-static|one|"*"auxv=ok"* ]]
    # The probe answers EBUSY; the call after the move sets exe, the
    # command line and auxv together.
    run grep -c '^mremap(' "$BATS_TEST_TMPDIR/trace"
    [ "$output" = "$mapping" ]
    run grep -c '^prctl(PR_SET_MM, PR_SET_MM_MAP,' "$BATS_TEST_TMPDIR/trace"
    [ "$output" = 2 ]
}

@test "a program handed to ld.so keeps its identity too" {
    needs_native_proc
    needs_exe_privilege
    needs_mm_map
    run -0 direct "$FIX/identity-handover" x
    local want=$output
    [[ "$want" == *"exe=$FIX/identity-handover"* ]]
    run -0 ml "$FIX/identity-handover" x
    [ "$output" = "$want" ] || { diff <(echo "$want") <(echo "$output"); return 1; }
}

@test "a self-linked program keeps its identity, and lazy binding works from miniload's moved code" {
    needs_native_proc
    needs_exe_privilege
    needs_mm_map
    run -0 ml --library-path "$FIX/lib" "$FIX/identity-selflink" x
    [ "$output" = "comm=identity-selfli
exe=$FIX/identity-selflink
cmdline=$FIX/identity-selflink|x|
stack=ok
args=ok
brk=ok
auxv=ok
answer=42" ]
}

@test "a program whose PT_INTERP is miniload keeps what the kernel gave it" {
    needs_native_proc
    run -0 direct "$FIX/identity-interp" x
    [ "$output" = "comm=identity-interp
exe=$FIX/identity-interp
cmdline=$FIX/identity-interp|x|
stack=ok
args=ok
brk=ok
auxv=ok
answer=42" ]
}

@test "--argv0 NAME starts /proc/self/cmdline, as exec -a does" {
    needs_native_proc
    needs_exe_privilege
    needs_mm_map
    run -0 bash -c 'exec -a NAME "$0" a' "$FIX/identity-static"
    local want=$output
    [[ "$want" == *"cmdline=NAME|a|"*"args=ok"* ]]
    run -0 ml --argv0 NAME "$FIX/identity-static" a
    [ "$output" = "$want" ]
    # A NAME longer than PROGRAM, with no argument after it.
    local long=name-longer-than-the-path-of-the-program-$FIX
    run -0 ml --argv0="$long" "$FIX/identity-static"
    [[ "$output" == *"cmdline=$long|"*"args=ok"* ]]
    [[ "$output" == *"exe=$FIX/identity-static"* ]]
}

@test "--keep-exe leaves /proc/self/exe and the command line to miniload" {
    needs_native_proc
    run -0 ml --keep-exe "$FIX/identity-static" a
    [ "${lines[0]}" = "comm=identity-static" ]
    [ "${lines[1]}" = "exe=$MINILOAD" ]
    [ "${lines[2]}" = "cmdline=$MINILOAD|--keep-exe|$FIX/identity-static|a|" ]
    [[ "$output" == *"brk=ok"*"auxv=wrong"* ]]
}

@test "the break and the code and data bounds stay where the kernel put them" {
    needs_native_proc
    needs_exe_privilege
    needs_mm_map
    command -v setarch >/dev/null || skip "setarch not installed"
    setarch -R true 2>/dev/null || skip "setarch -R (no address randomisation) is not allowed here"
    # Without address randomisation the kernel puts them in the same place
    # every time; --keep-exe shows where that is.
    local p
    for p in identity-static identity-handover; do
        IDENTITY_BOUNDS=1 run -0 setarch -R timeout "$LIMIT" "$MINILOAD" --keep-exe "$FIX/$p"
        local kept=${lines[7]}
        [[ "$kept" == bounds=0x* ]]
        IDENTITY_BOUNDS=1 run -0 setarch -R timeout "$LIMIT" "$MINILOAD" "$FIX/$p"
        [ "${lines[7]}" = "$kept" ] || { echo "$p: ${lines[7]}, kept: $kept"; return 1; }
        [[ "$output" == *"exe=$FIX/$p"*"brk=ok"* ]]
    done
}

@test "busybox's applets that re-execute busybox answer as when run directly" {
    needs_native_proc
    needs_exe_privilege
    [ -x /bin/busybox ] || skip "busybox not installed"
    # Only a busybox whose shell runs its own applets asks /proc/self/exe.
    [ "$(/bin/busybox sh -c 'readlink /proc/self/exe')" = "$(readlink -f /bin/busybox)" ] ||
        skip "this busybox's shell runs other programs, not its own applets"
    run -0 /bin/busybox sh -c 'wc -l < /etc/passwd'
    local want=$output
    run -0 ml /bin/busybox sh -c 'wc -l < /etc/passwd'
    [ "$output" = "$want" ]
    run -0 ml /bin/busybox sh -c 'echo some words | tr a-z A-Z; readlink /proc/self/exe'
    [ "$output" = $'SOME WORDS\n'"$(readlink -f /bin/busybox)" ]
}
