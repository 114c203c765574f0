# Self-linking: miniload as the dynamic linker of programs that have no
# PT_INTERP. The fixtures are freestanding programs and libraries whose
# output changes if a feature breaks.
load lib/common

# mlink ARGS...: miniload with the fixture libraries on its search path.
mlink() { ml --library-path "$FIX/lib" "$@"; }

@test "a program and its library: calls, data and the library's own GOT" {
    run -0 --separate-stderr mlink "$FIX/link-basic"
    [ "$output" = $'hello from libanswer\nanswer=42\ncounter=5 6' ]
    [ -z "$stderr" ]
}

@test "text relocations: refused when one writes into code, not for the DT_TEXTREL flag alone" {
    run -127 --separate-stderr mlink --preload libtextrel.so "$FIX/link-basic"
    [ "$stderr" = "miniload: $FIX/lib/libtextrel.so: text relocations are not supported" ]
    [ -z "$output" ]
    # RISC-V's ld sets the flag on PIEs with local-exec TLS, link-tls among
    # them, with nothing in their code to relocate: here libanswer.so's
    # relocation-entry size becomes DT_TEXTREL.
    mkdir -p "$BATS_TEST_TMPDIR/lib"
    local rel=RELA
    [[ " i386 arm " != *" $ARCH "* ]] || rel=REL
    "$ELFPATCH" "$FIX/lib/libanswer.so" "$BATS_TEST_TMPDIR/lib/libanswer.so" "dyn[${rel}ENT].d_tag=22"
    run readelf -dW "$BATS_TEST_TMPDIR/lib/libanswer.so"
    [[ "$output" == *"(TEXTREL)"* ]]
    run -0 --separate-stderr ml --library-path "$BATS_TEST_TMPDIR/lib:$FIX/lib" "$FIX/link-basic"
    [ "$output" = $'hello from libanswer\nanswer=42\ncounter=5 6' ]
}

@test "a non-PIE executable with a COPY relocation shares the data with its library" {
    run -0 mlink "$FIX/link-basic-nopie"
    [ "$output" = $'hello from libanswer\nanswer=42\ncounter=5 6' ]
    readelf -rW "$FIX/link-basic-nopie" | grep -q '_COPY'
}

@test "LD_LIBRARY_PATH is searched, and --library-path replaces it" {
    LD_LIBRARY_PATH=$FIX/lib run -0 ml "$FIX/link-basic"
    [[ "$output" == *"answer=42"* ]]
    LD_LIBRARY_PATH=/nonexistent run -0 ml --library-path "$FIX/lib" "$FIX/link-basic"
    LD_LIBRARY_PATH=/nonexistent:$FIX/lib run -0 ml "$FIX/link-basic"
}

@test "DT_RUNPATH and DT_RPATH with \$ORIGIN find the library next to the program" {
    readelf -dW "$FIX/link-basic-origin" | grep -q 'RUNPATH.*\$ORIGIN/lib'
    readelf -dW "$FIX/link-basic-rpath" | grep -q 'RPATH.*\${ORIGIN}/lib'
    run -0 ml "$FIX/link-basic-origin"
    [[ "$output" == *"answer=42"* ]]
    run -0 ml "$FIX/link-basic-rpath"
    [[ "$output" == *"answer=42"* ]]
}

@test "a missing library names itself and its requester" {
    run -127 --separate-stderr ml "$FIX/link-basic"
    [ "$stderr" = "miniload: $FIX/link-basic: libanswer.so: cannot open shared object file: No such file or directory" ]
    [ -z "$output" ]
}

@test "a chain of 100 libraries, each found through its own \$ORIGIN" {
    run -0 ml "$FIX/link-chain"
    [ "$output" = "chain=100" ]
}

@test "a diamond loads the shared library once, and a cycle terminates" {
    run -0 mlink "$FIX/link-graph"
    [ "$output" = "diamond=110 cycle=22" ]
}

@test "--list prints each library once with its path and address, and runs nothing" {
    run -0 --separate-stderr mlink --list "$FIX/link-graph"
    [ "${#lines[@]}" = 6 ]
    [[ "${lines[0]}" =~ ^$'\t'libtop\.so\ =\>\ $FIX/lib/libtop\.so\ \(0x[0-9a-f]+\)$ ]]
    [ "$(printf '%s\n' "$output" | grep -c 'libbottom.so =>')" = 1 ]
    [[ "$output" != *diamond* ]]
    run -0 ml --list "$FIX/nolibc-static"
    [ "$output" = $'\tstatically linked' ]
}

@test "--verify exits 0 for a program that would load and 127 for one that would not" {
    run -0 mlink --verify "$FIX/link-graph"
    [ -z "$output" ]
    run -127 --separate-stderr ml --verify "$FIX/link-basic"
    [[ "$stderr" == *"libanswer.so: cannot open shared object file"* ]]
    run -127 --separate-stderr mlink --verify "$FIX/link-lazy"
    [ "$stderr" = "miniload: $FIX/link-lazy: undefined symbol: missing_function" ]
}

@test "lazy binding keeps integer, floating-point and vector arguments intact" {
    run -0 mlink "$FIX/link-lazy"
    [ "$output" = $'ints=204\ndoubles=222\nvector=30056\nweak=null' ]
}

@test "lazy binding keeps a 256-bit vector and eight doubles intact" {
    [ "$ARCH" = x86_64 ] || skip "the AVX fixture is x86_64 only"
    grep -qw avx /proc/cpuinfo || skip "this CPU has no AVX"
    run -0 mlink "$FIX/link-avx"
    [ "$output" = "avx=3140" ]
}

@test "an unresolvable PLT entry is fine lazily until it is called" {
    run -0 mlink "$FIX/link-lazy"
    run -127 --separate-stderr mlink "$FIX/link-lazy" call
    [ "$stderr" = "miniload: $FIX/link-lazy: undefined symbol: missing_function" ]
    [[ "$output" == *"weak=null" ]]
}

@test "--bind-now and LD_BIND_NOW resolve everything before the program starts" {
    run -127 --separate-stderr mlink --bind-now "$FIX/link-lazy"
    [ "$stderr" = "miniload: $FIX/link-lazy: undefined symbol: missing_function" ]
    [ -z "$output" ]
    LD_BIND_NOW=1 run -127 --separate-stderr mlink "$FIX/link-lazy"
    [ "$stderr" = "miniload: $FIX/link-lazy: undefined symbol: missing_function" ]
    run -0 mlink --bind-now "$FIX/link-basic"
    [[ "$output" == *"answer=42"* ]]
}

@test "ifuncs: a library's resolver runs once, after its relocations; the program's own IRELATIVE" {
    run -0 mlink "$FIX/link-ifunc"
    [ "$output" = $'pick=2 pick=2\nlocal=20\nresolver_calls=1' ]
    run -0 mlink --bind-now "$FIX/link-ifunc"
    [ "$output" = $'pick=2 pick=2\nlocal=20\nresolver_calls=1' ]
}

@test "symbol versions: foo@V1 for an old program, the default foo@@V2 for a new one" {
    run -0 mlink "$FIX/link-ver-old"
    [ "$output" = "foo=1" ]
    run -0 mlink "$FIX/link-ver-new"
    [ "$output" = "foo=2" ]
}

@test "a missing symbol version is an error" {
    run -127 --separate-stderr mlink "$FIX/link-ver-v3"
    [ "$stderr" = "miniload: $FIX/link-ver-v3: libver.so: version V3 not found" ]
}

@test "TLS: the program's, and two libraries' through IE, GD, LD and descriptors" {
    run -0 mlink "$FIX/link-tls"
    [ "$output" = "te=7 t1=11 get_t1=11 after_set=99 after_write=5 zero=0 local=45 t2=22" ]
}

@test "initialisers run dependencies first with argv, finalisers in reverse" {
    run -0 mlink "$FIX/link-init" x
    [ "$output" = $'preinit prog\ndt_init a\ninit a\ninit b\ninit prog argc=2 argv1=x\nmain\nfini prog\nfini b\nfini a' ]
}

@test "RELR, SysV hash and protected visibility" {
    readelf -dW "$FIX/lib/libsysv.so" | grep -q '(HASH)'
    ! readelf -dW "$FIX/lib/libsysv.so" | grep -q 'GNU_HASH'
    run -0 mlink "$FIX/link-misc"
    [ "$output" = "relr=two sysv=three prot_call=1 prot_value=1 answer=42" ]
    readelf -dW "$FIX/lib/librelr.so" | grep -q 'RELR' || skip "this linker does not pack relative relocations"
}

@test "--preload and LD_PRELOAD interpose, except on protected symbols" {
    run -0 mlink --preload libinterpose.so "$FIX/link-misc"
    [ "$output" = "relr=two sysv=three prot_call=1 prot_value=2 answer=7" ]
    guest_env LD_PRELOAD="$FIX/lib/libinterpose.so" run -0 mlink "$FIX/link-misc"
    [ "$output" = "relr=two sysv=three prot_call=1 prot_value=2 answer=7" ]
    run -127 --separate-stderr mlink --preload libnothere.so "$FIX/link-misc"
    [ "$stderr" = "miniload: $FIX/link-misc: libnothere.so: cannot open shared object file: No such file or directory" ]
}

@test "--self-link relocates a freestanding static-PIE and runs its initialisers" {
    run -0 ml --self-link "$FIX/link-spie" a
    [ "$output" = $'self linked static-pie\ninits=1' ]
}

@test "--self-link links a program that names an interpreter" {
    run -127 --separate-stderr mlink "$FIX/link-basic-badinterp"
    [ "$stderr" = "miniload: /nonexistent/ld-miniload-test.so: cannot open: No such file or directory" ]
    run -0 mlink --self-link "$FIX/link-basic-badinterp"
    [ "$output" = $'hello from libanswer\nanswer=42\ncounter=5 6' ]
}

@test "a program whose PT_INTERP is miniload runs straight from the shell" {
    readelf -lW "$FIX/link-basic-interp" | grep -q "interpreter: $MINILOAD]"
    run -0 direct "$FIX/link-basic-interp" a b
    [ "$output" = $'hello from libanswer\nanswer=42\ncounter=5 6' ]
}

@test "a program built with a stack protector finds its canary in the TCB" {
    case $ARCH in x86_64|i386) ;; *) skip "only x86 keeps the stack-protector canary in the TCB" ;; esac
    run -0 mlink "$FIX/link-ssp"
    [ "$output" = $'hello from libanswer\nanswer=42\ncounter=5 6' ]
}

@test "--debug traces loading and binding on stderr" {
    run -0 --separate-stderr mlink --debug "$FIX/link-basic"
    [ "$output" = $'hello from libanswer\nanswer=42\ncounter=5 6' ]
    [[ "$stderr" == *"miniload: loaded $FIX/lib/libanswer.so at 0x"* ]]
    [[ "$stderr" == *"miniload: binding $FIX/link-basic answer to $FIX/lib/libanswer.so"* ]]
}

@test "the same programs give the same output under glibc's ld.so" {
    native_only
    local ldso=/lib64/ld-linux-x86-64.so.2
    [ -x "$ldso" ] || skip "no glibc ld.so"
    # glibc's ld.so runs them but, with no libc loaded, trips an assertion in
    # its own exit path (status 127); only the programs' output is compared.
    for p in link-basic link-graph link-ver-old link-ver-new link-misc; do
        run -0 mlink "$FIX/$p"
        local ours=$output
        run -127 --separate-stderr "$ldso" --library-path "$FIX/lib" "$FIX/$p"
        [ "$output" = "$ours" ] || { echo "$p differs: $output"; return 1; }
    done
}

@test "a bare DT_NEEDED name is found in the system library directories" {
    run -0 ml --list "$FIX/link-needs-libc"
    [[ "${lines[0]}" =~ ^$'\t'libc\.so\.6\ =\>\ /[^\ ]*/libc\.so\.6\ \(0x[0-9a-f]+\)$ ]]
}

@test "under AT_SECURE the environment's library path and preloads are ignored" {
    native_only
    needs_root
    command -v setpriv >/dev/null || skip "setpriv not installed"
    local dir
    dir=$(mktemp -d "${BATS_TMPDIR:-/tmp}/miniload-secure.XXXXXX")
    chmod 755 "$dir"
    cp "$MINILOAD" "$dir/miniload"
    chmod 4755 "$dir/miniload"  # setuid root: the kernel sets AT_SECURE
    cp -r "$FIX/lib" "$FIX/link-basic" "$FIX/link-misc" "$dir/"
    chmod -R a+rX "$dir"
    as_nobody() { timeout "$LIMIT" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    LD_LIBRARY_PATH=$dir/lib run -127 --separate-stderr as_nobody "$dir/miniload" "$dir/link-basic"
    local secure_status=$stderr
    run -0 as_nobody "$dir/miniload" --library-path "$dir/lib" "$dir/link-basic"
    [[ "$output" == *"answer=42"* ]]
    LD_PRELOAD=libinterpose.so run -0 as_nobody "$dir/miniload" --library-path "$dir/lib" "$dir/link-misc"
    local preload_output=$output
    rm -rf "$dir"
    [ "$secure_status" = "miniload: $dir/link-basic: libanswer.so: cannot open shared object file: No such file or directory" ]
    [[ "$preload_output" == *"answer=42"* ]]
}

# faults ARGS...: the page faults of miniload ARGS from its exec on (median
# of five runs), in $faults; skips where the kernel does not let them be counted.
faults() {
    [ "$ARCH" = x86_64 ] && [ -z "$RUN" ] || skip "page faults are counted on x86_64 only, without an emulator"
    local rc=0
    faults=$(python3 "$ROOT/tests/lib/pagefaults.py" "$MINILOAD" "$@") || rc=$?
    [ "$rc" -ne 2 ] || skip "perf events are not allowed here (kernel.perf_event_paranoid)"
    [ "$rc" -eq 0 ] || { echo "miniload $* failed"; return 1; }
}

@test "a library with a RELRO of many pages loads and runs" {
    run -0 mlink --preload libbigrelro.so "$FIX/link-basic"
    [[ "$output" == *"answer=42"* ]]
}

@test "RELRO pages are populated as they are mapped, not faulted in one by one" {
    local relro pages base
    relro=$(readelf -lW "$FIX/lib/libbigrelro.so" | awk '$1 == "GNU_RELRO" { print $6 }')
    pages=$((relro / 4096))
    faults --library-path "$FIX/lib" "$FIX/link-basic"
    base=$faults
    faults --library-path "$FIX/lib" --preload libbigrelro.so "$FIX/link-basic"
    # Relocation writes every one of its pages: faulted in, each would count.
    [ $((faults - base)) -lt $((pages / 2)) ] ||
        { echo "$pages RELRO pages, $base faults without the library, $faults with it"; return 1; }
}

# peak_rss ARGS...: the peak RSS in KiB of miniload ARGS (under $RUN), in $rss.
peak_rss() {
    # shellcheck disable=SC2086  # $RUN is a command and its options
    rss=$(python3 -c 'import os, sys
null = os.open(os.devnull, os.O_WRONLY)
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss) if status == 0 else sys.exit(1)' $RUN "$MINILOAD" "$@")
}

@test "thread-local storage of 32 MB that nothing touches costs address space, not memory" {
    local base
    peak_rss --library-path "$FIX/lib" "$FIX/link-basic"
    base=$rss
    peak_rss --library-path "$FIX/lib" --preload libbigtls.so "$FIX/link-basic"
    [ $((rss - base)) -lt 8192 ] || { echo "peak RSS $base KiB without the library, $rss KiB with it"; return 1; }
}
