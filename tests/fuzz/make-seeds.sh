#!/bin/sh
# make-seeds.sh OUTDIR: the fuzz target's seed corpus, built for x86_64 from
# the self-linking fixtures' sources. One seed per feature the loader parses:
# PLT and GOT, COPY, RELR, SysV hash, symbol versions (both sides, and a
# program needing versions from a library with its own soname, which the
# fuzz target's self-linking then checks), TLS (with descriptors too),
# ifuncs, initialisers, protected symbols, $ORIGIN run paths, static and
# static-PIE programs. Linked with -z noseparate-code and stripped so that
# each is a few kilobytes: libFuzzer mutates small inputs much faster.
# The committed corpus in tests/fuzz/corpus was made with it; rerun it when
# the fixtures gain a feature worth seeding.
set -eu
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
lx=$root/tests/fixtures/link
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

base="-O1 -g0 -ffreestanding -fno-builtin -fno-stack-protector -nostdlib -I$root/tests/fixtures
      -Wl,-z,noseparate-code -Wl,--build-id=none -s"
lib() {  # lib NAME SOURCE [FLAGS...]
    name=$1 src=$2
    shift 2
    gcc $base -fPIC -shared -Wl,-z,lazy -Wl,-soname,lib$name.so -o "$tmp/lib$name.so" "$lx/$src" -L"$tmp" "$@"
}
prog() {  # prog NAME SOURCE [FLAGS...]
    name=$1 src=$2
    shift 2
    gcc $base -Wl,-z,lazy -Wl,--allow-shlib-undefined -o "$tmp/$name" "$lx/$src" -L"$tmp" "$@" -lgcc
}

lib answer answer.c
lib args args.c
lib gone gone.c -DWITH_MISSING
lib ifunc ifunc.c
lib ver ver.c -Wl,--version-script="$lx/ver.map"
lib tls1 tls1.c
lib tls2 tls2.c -mtls-dialect=gnu2
lib init_a init.c -DNAME=a -DWITH_DT_INIT -Wl,-init=dt_init
lib relr tables.c -Wl,-z,pack-relative-relocs
lib sysv tables.c -Dname_of=sysv_name_of -Dtable_names=sysv_table_names -Wl,--hash-style=sysv
lib prot prot.c
pie="-fPIE -pie -Wl,--no-dynamic-linker"
prog link-basic basic.c $pie -lanswer
prog link-basic-nopie basic.c -fno-PIE -no-pie -Wl,--no-dynamic-linker -lanswer
prog link-lazy lazy.c $pie -largs -lgone
prog link-ifunc ifunc-main.c $pie -lifunc
prog link-ver ver-main.c $pie -lver
prog link-tls tls-main.c $pie -ltls1 -ltls2
prog link-misc misc-main.c $pie -lrelr -lsysv -lprot -lanswer
prog link-spie spie.c -fPIE -static-pie
prog link-origin basic.c $pie -Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN/lib' -lanswer
# DT_DEBUG, which miniload ignores, becomes a DT_SONAME naming the library
# the program needs versions from: linked against itself, it checks them.
"$root/tests/lib/elfpatch.py" "$tmp/link-ver" "$tmp/link-ver-soname" 'dyn[DEBUG].d_tag=14' \
    'dyn[SONAME]=get("dyn[NEEDED]")'
gcc $base -fno-PIE -no-pie -static -o "$tmp/nolibc-static" "$root/tests/fixtures/nolibc.c"

mkdir -p "$out"
for f in "$tmp"/*; do cp "$f" "$out/$(basename "$f")"; done
