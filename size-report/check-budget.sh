#!/bin/sh
# check-budget.sh ARCH: whether build/ARCH/miniload fits the byte budget kept
# in size-report/budget. Prints its size and the budget, and exits 0 when it
# fits; exits 1 when it is larger, 2 when there is nothing to measure.
set -eu
cd "$(dirname "$0")/.."

if [ $# -ne 1 ]; then
    echo "usage: size-report/check-budget.sh ARCH" >&2
    exit 2
fi
binary=build/$1/miniload
if [ ! -f "$binary" ]; then
    echo "miniload: $binary does not exist; build it with make ARCH=$1" >&2
    exit 2
fi
budget=$(tr -d ' \t\r\n' < size-report/budget)
size=$(wc -c < "$binary" | tr -d ' ')

if [ "$size" -gt "$budget" ]; then
    echo "miniload: $binary is $size bytes, over the budget of $budget bytes" >&2
    exit 1
fi
echo "miniload: $binary is $size bytes, within the budget of $budget bytes"
