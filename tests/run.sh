#!/usr/bin/env bash
# Builds miniload and the fixtures for each architecture given, runs every
# Bats suite against them (under qemu-user for foreign architectures), and
# prints one "<arch>: N passed, M failed, K skipped" line per architecture
# and their sum last. Exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
summary=()
for arch in "$@"; do
    mkdir -p "build/$arch"
    log=build/$arch/build.log
    if ! make -s ARCH="$arch" all fixtures >"$log" 2>&1; then
        cat "$log"
        summary+=("$arch: build failed (see $log)")
        failed=$((failed + 1))
        continue
    fi
    qemu=$(make -s --no-print-directory ARCH="$arch" print-run)
    tap=build/$arch/tests.tap
    ARCH=$arch RUN=$qemu bats --tap tests/ tests/malformed/ | tee "$tap"
    p=$(grep -cE '^ok [0-9]+' "$tap" | tr -d ' ')
    s=$(grep -cE '^ok [0-9]+ .*# skip' "$tap" | tr -d ' ')
    f=$(grep -cE '^not ok [0-9]+' "$tap" | tr -d ' ')
    planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -n 1)
    p=$((p - s))
    # A suite that died half-way ran fewer tests than it planned.
    if [ -z "$planned" ] || [ $((p + s + f)) -ne "$planned" ]; then
        f=$((f + 1))
        echo "$arch: the suites stopped early (planned ${planned:-?}, ran $((p + s + f - 1)))"
    fi
    summary+=("$arch: $p passed, $f failed, $s skipped")
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
