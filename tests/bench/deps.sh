#!/usr/bin/env bash
# Installs what `make bench` needs, with apt-get, only when it is missing.
# Safe to run any number of times; does nothing when everything is present.
# busybox-static is measured when installed, never installed here.
set -eu

want=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || want+=("$1"); }

for p in make gcc g++ binutils python3 hyperfine musl valgrind; do
    need "$p"
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
