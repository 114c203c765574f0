# What miniload itself is: a small static-PIE with nothing to load and nothing
# to relocate but itself.
load lib/common

@test "miniload is a static position-independent executable" {
    run -0 readelf -hlW "$MINILOAD"
    [[ "$output" == *"Type:"*"DYN"* ]]
    [[ "$output" != *"INTERP"* ]]
    run -0 readelf -dW "$MINILOAD"
    [[ "$output" != *"(NEEDED)"* ]]
}

@test "miniload carries relative relocations only" {
    # The shipped binary has neither section headers nor a dynamic section
    # to find them by; miniload.elf is the same image with its section
    # headers. Self-relocation applies .reloc (linker.ld): a table anywhere
    # else would never be applied.
    run -0 readelf -rW "$MINILOAD.elf"
    local tables
    tables=$(echo "$output" | sed -n "s/^Relocation section '\([^']*\)'.*/\1/p" | grep -vx '.reloc' || true)
    [ -z "$tables" ] || { echo "outside .reloc: $tables"; return 1; }
    # Every relocation line names a *_RELATIVE type; any other would need a
    # symbol lookup before miniload could run at all.
    local bad
    bad=$(echo "$output" | grep -E '^[0-9a-f]{8,16} ' | grep -v '_RELATIVE' || true)
    [ -z "$bad" ] || { echo "$bad"; return 1; }
}

@test "miniload has no writable and executable segment" {
    run -0 readelf -lW "$MINILOAD"
    ! echo "$output" | grep -E '^ +LOAD' | grep -q 'RWE'
}

@test "miniload fits its size budget" {
    run -0 "$ROOT/size-report/check-budget.sh" "$ARCH"
}

@test "ELF constants agree with the system's <elf.h>" {
    # With $ARCH's own compiler: arch.hpp names that machine's syscalls and
    # registers, which the build machine's compiler may not know.
    local cxx
    cxx=$(make -s --no-print-directory -C "$ROOT" ARCH="$ARCH" --eval 'print-cxx: ; @echo $(CXX)' print-cxx)
    run -0 $cxx -std=c++20 -I"$ROOT/arch/$ARCH" -I"$ROOT/loader" -fsyntax-only "$ROOT/tests/host/elf_constants.cpp"
}

@test "miniload also builds with clang++ and runs a program" {
    native_only
    command -v clang++ >/dev/null || skip "clang++ not installed"
    local out=$BATS_TEST_TMPDIR/clang
    run -0 make -s -C "$ROOT" CXX=clang++ B="$out" "$out/miniload"
    run -43 timeout "$LIMIT" "$out/miniload" "$FIX/auxv-static-pie" a b
    [[ "$output" == *"entry=ok"* ]]
    run -0 readelf -hW "$out/miniload"
    [[ "$output" == *"DYN"* ]]
}
