# libminiload: the loader core as a library in a host program. The host
# programs (tests/fixtures/library/) print what they observe; the plugins
# are freestanding libraries that call back into their host.
load lib/common

setup() {
    local arches
    arches=$(make -s --no-print-directory -C "$ROOT" ARCH="$ARCH" --eval 'print-lib-arches: ; @echo $(LIB_ARCHES)' \
        print-lib-arches)
    [[ " $arches " == *" $ARCH "* ]] || skip "libminiload is not built for $ARCH (only for: $arches)"
    LIB=$ROOT/build/$ARCH/libminiload.a
    L=$FIX/lib
}

# libtest SCENARIO ARGS...: the test host (under the emulator when cross-testing).
libtest() { direct "$FIX/libtest" "$@"; }
# cross_tool NAME: the binutils program NAME for $ARCH.
cross_tool() {
    echo "$(make -s --no-print-directory -C "$ROOT" ARCH="$ARCH" --eval 'print-cross: ; @echo $(CROSS)' print-cross)$1"
}

@test "make lib: only the miniload_* API is visible, and nothing is needed from the C library" {
    run -0 "$(cross_tool nm)" -g "$LIB"
    local defined undefined weak
    defined=$(echo "$output" | awk '$2 ~ /^[A-Z]$/ && $2 != "U" { print $3 }' | sort | tr '\n' ' ')
    undefined=$(echo "$output" | awk '$1 == "U" { print $2 }' | sort | tr '\n' ' ')
    weak=$(echo "$output" | awk '$1 == "w" { print $2 }' | sort | tr '\n' ' ')
    [ "$defined" = "miniload_base miniload_make_name miniload_open miniload_open_memory miniload_path miniload_release miniload_retain miniload_symbol miniload_symbol_error miniload_symbol_named " ]
    # Only what every linker defines: the address range of the host itself,
    # and where GOT-relative relocations name it (the library's thread-local
    # pointer is reached through the GOT), the GOT.
    local linker_defined="__ehdr_start _end "
    [[ " aarch64 riscv64 " == *" $ARCH "* ]] || linker_defined="_GLOBAL_OFFSET_TABLE_ $linker_defined"
    [ "$undefined" = "$linker_defined" ]
    # Used only when the C library has it: the hook that frees a thread's
    # TLS blocks when the thread exits.
    [ "$weak" = "__cxa_thread_atexit_impl __dso_handle " ]
}

@test "the executable carries none of the library's code" {
    run -0 "$(cross_tool nm)" "$ROOT/build/$ARCH/miniload.elf"
    [[ "$output" != *miniload_open* ]]
    [[ "$output" != *arch_lib_setup* ]]
}

@test "lazy binding: host functions are looked up at their first call, data at load" {
    run -0 --separate-stderr libtest plugin "$L/libplugin.so" lazy
    [ "$output" = "load
resolve host_version
resolve host_log
plugin: init
loaded
name=shapes
version=3
resolve host_add
sum=45
resolve host_mix
mix=222
resolve host_vector
vector=30056
calls=1
plugin: fini
released" ]
    [ -z "$stderr" ]
}

@test "eager binding: every host symbol is bound before the initialiser runs" {
    run -0 --separate-stderr libtest plugin "$L/libplugin.so" now
    [ "${lines[0]}" = load ]
    [ "$(printf '%s\n' "${lines[@]:1:5}" | sort | tr '\n' ' ')" = \
        "resolve host_add resolve host_log resolve host_mix resolve host_vector resolve host_version " ]
    [ "$(printf '%s\n' "${lines[@]:6}")" = "plugin: init
loaded
name=shapes
version=3
sum=45
mix=222
vector=30056
calls=1
plugin: fini
released" ]
}

@test "a lazily bound call keeps its floating-point and vector arguments while the host resolves it" {
    # The resolver overwrites every FP/vector argument register before it answers.
    run -0 libtest plugin "$L/libplugin.so" lazy
    [[ "$output" == *$'resolve host_mix\nmix=222\nresolve host_vector\nvector=30056'* ]]
}

@test "a missing host symbol fails an eager load, and ends the process at the lazy call" {
    run -0 --separate-stderr libtest missing "$L/libplugin-missing.so" now
    [ "$output" = "error: miniload: $L/libplugin-missing.so: undefined symbol: host_missing" ]
    run -0 --separate-stderr libtest missing "$L/libplugin-missing.so" lazy
    [ "$output" = $'plugin: init\nloaded\nnot called\nplugin: fini' ]
    run -127 --separate-stderr libtest missing "$L/libplugin-missing.so" lazy call
    [ "$output" = $'plugin: init\nloaded' ]
    [ "$stderr" = "miniload: $L/libplugin-missing.so: undefined symbol: host_missing" ]
}

@test "a library loaded from a memory buffer, and what a bad buffer is told" {
    run -0 --separate-stderr libtest memory "$L/libplugin.so"
    [ "$output" = "plugin: init
path=plugin-in-memory
name=shapes
version=3
sum=45
mix=222
vector=30056
plugin: fini
miniload: plugin-in-memory: program headers lie outside the file
miniload: memory: not an ELF file" ]
}

@test "a library keeps what it was loaded against; the last reference runs finalisers, dependents first" {
    run -0 --separate-stderr libtest deps "$L/libinit_a.so" "$L/libinit_b.so"
    [ "$output" = "dt_init a
init a
init b
a released, still mapped: yes
touch_b=0
one of two references to b released
fini b
fini a
b released, a still mapped: no" ]
}

@test "symbols are searched in the library, then the libraries given in order, then the host" {
    run -0 --separate-stderr libtest order "$L/libasker.so" "$L/libanswer.so" "$L/libinterpose.so"
    [ "$output" = "answer, interpose: 42
interpose, answer: 7
answer, then the host: 42
the host alone: 99
nobody: miniload: $L/libasker.so: undefined symbol: answer" ]
}

@test "a resolver that tries to load is told so, instead of waiting for itself" {
    run -0 --separate-stderr libtest nested "$L/libasker.so"
    [ "$output" = "inner load: miniload: $L/libasker.so: cannot load from within another load (a resolver's call?)
ask=99" ]
}

@test "symbol versions: foo@V1 and foo@V2 through the library given, a missing V3, the version asked of the host" {
    run -0 --separate-stderr libtest versions "$L/libver.so" "$L/libversioned-v1.so" "$L/libversioned-v2.so" \
        "$L/libversioned-v3.so"
    [ "$output" = "foo=1
foo=2
miniload: $L/libversioned-v3.so: libver.so: version V3 not found
resolve foo@V1
miniload: $L/libversioned-v1.so: undefined symbol: foo" ]
}

@test "get: RELR, SysV hash, an ifunc and a variable; a missing symbol is an error value" {
    run -0 --separate-stderr libtest tables "$L/librelr.so" "$L/libsysv.so" "$L/libifunc.so"
    [ "$output" = "relr=two
sysv=three
miniload: $L/libsysv.so: undefined symbol: name_of
pick=2
resolver_calls=1" ]
}

@test "a failed load says why: static TLS is not supported, nor executables, objects, non-ELF files" {
    run -0 --separate-stderr libtest errors /nonexistent/libx.so "$L/libtlsplugin-ie.so" "$FIX/link-basic-nopie" \
        "$FIX/object.o" "$ROOT/tests/library.bats" "$L" "$L/libanswer.so"
    [ "$output" = "miniload: /nonexistent/libx.so: cannot open: No such file or directory
miniload: $L/libtlsplugin-ie.so: uses static TLS (initial-exec or local-exec), which a library loaded into a host cannot have
miniload: $FIX/link-basic-nopie: cannot load an executable (ET_EXEC) as a library
miniload: $FIX/object.o: cannot load a relocatable object (ET_REL); link it first
miniload: $ROOT/tests/library.bats: not an ELF file
miniload: $L: cannot load: Is a directory
loaded" ]
}

@test "failed loads, and loaded libraries once released, leave nothing mapped or open" {
    run -0 --separate-stderr libtest leaks "$L/libplugin-missing.so" "$L/libtlsplugin-ie.so" "$FIX/link-basic-nopie" \
        "$L/libversioned-v3.so" "$L/libplugin.so"
    # Each path 100 times from its file and 100 times from half its bytes:
    # only the whole libplugin.so loads.
    [ "$output" = "failed 900 of 1000 loads; maps +0, descriptors +0" ]
}

@test "threads load, fail, and make first lazy calls at the same time" {
    # Without libminiload: some qemu-user builds hang in any second thread.
    run timeout 10 $RUN "$FIX/libtest" thread-probe
    [ "$output" = "thread ran" ] || skip "this machine or emulator does not run a second thread (libtest thread-probe)"
    run -0 --separate-stderr libtest threads "$L/libplugin.so" "$L/libplugin-missing.so"
    [ "$output" = "wrong=0" ]
}

@test "get with a Name hashed at compile time finds what get with a string finds" {
    run -0 --separate-stderr libtest named "$L/libplugin.so"
    [ "$output" = "plugin: init
sum=45 name=shapes
miniload: $L/libplugin.so: undefined symbol: plugin_absent
C names agree: 1
plugin: fini" ]
}

# tls_expected: what libtest tls prints, through __tls_get_addr or descriptors.
tls_expected="registers kept: 1
first: counter 5, zeroed and aligned 1, bumped to 7, calls 1, get agrees 1
again: counter 7, zeroed and aligned 0, bumped to 10, calls 2, get agrees 1
reloaded: counter 5, zeroed and aligned 1, bumped to 9, calls 1, get agrees 1
100 loads: wrong 0, maps +0"
tls_threads_expected="main: counter 5, zeroed and aligned 1, bumped to 7, calls 1, get agrees 1
thread: counter 5, zeroed and aligned 1, bumped to 6, calls 1, get agrees 1
main again: counter 7, calls 1, own copies 1
a thread's block after it exited: unmapped
reloaded, thread: counter 5, zeroed and aligned 1, bumped to 9, calls 1, get agrees 1
4 threads: wrong 0"

@test "thread-local variables through __tls_get_addr: general- and local-dynamic, initial values on every load" {
    run -0 --separate-stderr libtest tls "$L/libtlsplugin.so"
    [ "$output" = "$tls_expected" ]
}

@test "thread-local variables through TLS descriptors, which keep every register they must" {
    # RISC-V's GNU toolchain makes no descriptors: there this is the first test again.
    [ "$ARCH" = riscv64 ] || readelf -rW "$L/libtlsplugin-desc.so" | grep -qE 'TLS_?DESC'
    run -0 --separate-stderr libtest tls "$L/libtlsplugin-desc.so"
    [ "$output" = "$tls_expected" ]
}

@test "a library's bad PT_TLS segment is refused as miniload refuses it" {
    "$ELFPATCH" "$L/libtlsplugin.so" "$BATS_TEST_TMPDIR/align.so" 'phdr[TLS].p_align=3'
    "$ELFPATCH" "$L/libtlsplugin.so" "$BATS_TEST_TMPDIR/huge.so" 'phdr[TLS].p_memsz=0x10000000'
    run -0 --separate-stderr libtest errors "$BATS_TEST_TMPDIR/align.so" "$BATS_TEST_TMPDIR/huge.so"
    [ "$output" = "miniload: $BATS_TEST_TMPDIR/align.so: bad PT_TLS segment
miniload: $BATS_TEST_TMPDIR/huge.so: bad PT_TLS segment" ]
}

@test "thread-local variables: each thread its own copy, freed when the thread exits" {
    run timeout 10 $RUN "$FIX/libtest" thread-probe
    [ "$output" = "thread ran" ] || skip "this machine or emulator does not run a second thread (libtest thread-probe)"
    for plugin in libtlsplugin.so libtlsplugin-desc.so; do
        run -0 --separate-stderr libtest tls-threads "$L/$plugin"
        [ "$output" = "$tls_threads_expected" ]
    done
}

@test "the C API from a C program" {
    run -0 --separate-stderr direct "$FIX/libtest-c" "$L/libplugin.so"
    [ "$output" = "plugin: init
sum=6
version=7
miniload: $L/libplugin.so: undefined symbol: no_such_symbol
plugin: fini
miniload: $L/libplugin.so: undefined symbol: host_version" ]
}

@test "the headers build with clang, as C++17 and C++20 and as C" {
    native_only
    command -v clang++ >/dev/null || skip "clang++ not installed"
    local out=$BATS_TEST_TMPDIR
    for std in c++17 c++20; do
        run -0 clang++ -std=$std -Wall -Wextra -Werror -I"$ROOT/include" -o "$out/libtest" \
            "$ROOT/tests/fixtures/library/libtest.cpp" "$LIB" -pthread
        run -0 timeout "$LIMIT" "$out/libtest" order "$L/libasker.so" "$L/libanswer.so" "$L/libinterpose.so"
        [ "${lines[1]}" = "interpose, answer: 7" ]
    done
    run -0 clang -std=c99 -Wall -Wextra -Werror -I"$ROOT/include" -o "$out/libtest-c" \
        "$ROOT/tests/fixtures/library/ctest.c" "$LIB"
    run -0 timeout "$LIMIT" "$out/libtest-c" "$L/libplugin.so"
    [ "${lines[1]}" = "sum=6" ]
}

@test "the README's example: a host loads the plugin and calls into it" {
    run -0 --separate-stderr direct "$ROOT/build/$ARCH/examples/plugin-host" "$L/libplugin.so"
    [ "${lines[0]}" = "[plugin says] plugin: init" ]
    [[ "${lines[1]}" =~ ^plugin\ shapes\ at\ 0x[0-9a-f]+$ ]]
    [ "$(printf '%s\n' "${lines[@]:2}")" = "sum of 0..99 through host_add: 4950
eight doubles through host_mix: 222
looking up plugin_absent: miniload: $L/libplugin.so: undefined symbol: plugin_absent
[plugin says] plugin: fini" ]
    run -0 direct "$ROOT/build/$ARCH/examples/plugin-host" "$L/libplugin.so" now
    run -127 --separate-stderr direct "$ROOT/build/$ARCH/examples/plugin-host" "$L/libplugin-missing.so" now
    [ "$stderr" = "miniload: $L/libplugin-missing.so: undefined symbol: host_missing" ]
}
