#!/usr/bin/env bash
# Installs what the test suites need, with apt-get, only when it is missing.
# Safe to run any number of times; does nothing when everything is present.
set -eu

arches=("$@")
want=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || want+=("$1"); }

for p in make g++ clang binutils bats busybox-static musl-tools klibc-utils python3 util-linux file; do
    need "$p"
done
for a in "${arches[@]}"; do
    case $a in
        # The fuzz target needs libFuzzer and the sanitizer runtimes of the
        # installed clang (clang 14 on Debian 12).
        # strace and gdb make the resource faults of tests/malformed/resources.bats
        # happen on cue, on the build machine only.
        x86_64) v=$(clang -dumpversion 2>/dev/null | cut -d. -f1); need "libclang-rt-${v:-14}-dev"
            need strace; need gdb ;;
        aarch64) need g++-aarch64-linux-gnu; need qemu-user ;;
        riscv64) need g++-riscv64-linux-gnu; need qemu-user ;;
        i386) need g++-i686-linux-gnu; need qemu-user ;;
        arm) need g++-arm-linux-gnueabihf; need qemu-user ;;
    esac
done

[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "missing packages: ${want[*]} (run as root, or install them with apt-get)" >&2
    exit 1
fi
echo "installing: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
