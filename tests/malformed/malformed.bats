# Malformed files: each test derives one broken file from a good fixture with
# tests/lib/elfpatch.py (fields named as a loader finds them, so the same
# edit works on every architecture's build) and runs miniload on it.
# miniload must exit 127 with exactly "miniload: PATH: reason" on stderr,
# print nothing on stdout, and neither die of a signal nor hang (`run -127`
# fails on any other status, the timeout's 124 included).
load ../lib/common

setup() {
    T=$BATS_TEST_TMPDIR
    OPTS=()  # extra miniload options for the next case
    # REL or RELA: which the architecture's relocation tables are.
    if readelf -dW "$FIX/lib/libanswer.so" | grep -q '(RELA)'; then RELTAG=RELA; else RELTAG=REL; fi
    BITS=32
    if is_64bit; then BITS=64; fi
}

# fails_as PATH REASON ARGS...: miniload ARGS fails as it should, about PATH.
fails_as() {
    local path=$1 reason=$2
    shift 2
    run -127 --separate-stderr ml "$@"
    [ "$stderr" = "miniload: $path: $reason" ] ||
        { printf 'expected: miniload: %s: %s\ngot:      %s\n' "$path" "$reason" "$stderr"; return 1; }
    [ -z "$output" ] || { echo "stdout: $output"; return 1; }
}

# bad_program FIXTURE REASON EDIT...: the fixture program, edited, as PROGRAM
# (its libraries found among the fixtures).
bad_program() {
    local fixture=$1 reason=$2
    shift 2
    "$ELFPATCH" "$FIX/$fixture" "$T/$fixture" "$@"
    fails_as "$T/$fixture" "$reason" "${OPTS[@]}" --library-path "$FIX/lib" "$T/$fixture"
}

# bad_library LIB PROGRAM REASON EDIT...: a fixture program whose library LIB
# is an edited copy, found first on the library path.
bad_library() {
    local lib=$1 program=$2 reason=$3
    shift 3
    mkdir -p "$T/lib"
    "$ELFPATCH" "$FIX/lib/$lib" "$T/lib/$lib" "$@"
    fails_as "$T/lib/$lib" "$reason" "${OPTS[@]}" --library-path "$T/lib:$FIX/lib" "$FIX/$program"
}

# --- truncated at each header boundary ---

@test "truncated: no bytes at all" {
    bad_program nolibc-static "file is empty" truncate=0
}

@test "truncated: inside the magic number" {
    bad_program nolibc-static "not an ELF file" truncate=3
}

@test "truncated: after e_ident" {
    bad_program nolibc-static "truncated ELF header" truncate=16
}

@test "truncated: one byte short of the ELF header" {
    bad_program nolibc-static "truncated ELF header" 'truncate=e_ehsize-1'
}

@test "truncated: after the ELF header, before the program headers" {
    bad_program link-basic "program headers lie outside the file" 'truncate=e_phoff'
}

@test "truncated: one byte short of the program headers" {
    bad_program link-basic "program headers lie outside the file" 'truncate=e_phoff+e_phnum*e_phentsize-1'
}

@test "truncated: after the program headers, before the segments' bytes" {
    bad_program link-basic "segment lies outside the file" 'truncate=ph("LOAD:-1").p_offset'
}

@test "truncated: one byte short of the last segment" {
    bad_program link-basic "segment lies outside the file" \
        'truncate=ph("LOAD:-1").p_offset+ph("LOAD:-1").p_filesz-1'
}

@test "truncated: a library cut short in its data segment" {
    bad_library libanswer.so link-basic "segment lies outside the file" 'truncate=ph("LOAD:-1").p_offset+4'
}

@test "truncated: inside PT_INTERP" {
    bad_program auxv-dyn "bad PT_INTERP" 'truncate=ph("INTERP").p_offset+2'
}

# --- ELF header fields out of range ---

@test "ELF header: a wrong magic number" {
    bad_program nolibc-static "not an ELF file" 'ident[1]=0x65'
}

@test "ELF header: EI_CLASS none" {
    bad_program nolibc-static "invalid ELF class" 'ident[4]=0'
}

@test "ELF header: EI_CLASS 3" {
    bad_program nolibc-static "invalid ELF class" 'ident[4]=3'
}

@test "ELF header: EI_DATA none" {
    bad_program nolibc-static "wrong byte order: not little-endian" 'ident[5]=0'
}

@test "ELF header: EI_VERSION 0" {
    bad_program nolibc-static "unsupported ELF version" 'ident[6]=0'
}

@test "ELF header: e_version 2" {
    bad_program nolibc-static "unsupported ELF version" e_version=2
}

@test "ELF header: e_type ET_NONE" {
    bad_program nolibc-static "unknown ELF file type 0" e_type=0
}

@test "ELF header: e_type in the processor-specific range" {
    bad_program nolibc-static "unknown ELF file type 65280" e_type=0xff00
}

@test "ELF header: e_machine EM_NONE" {
    local name
    case $ARCH in
        x86_64) name=x86-64 ;;
        aarch64) name=AArch64 ;;
        riscv64) name=RISC-V ;;
        i386) name="Intel 80386" ;;
        arm) name=ARM ;;
    esac
    bad_program nolibc-static "wrong machine type 0, expected $name" e_machine=0
}

@test "ELF header: e_phentsize 0" {
    bad_program nolibc-static "bad program header entry size" e_phentsize=0
}

@test "ELF header: e_phentsize one entry too large" {
    bad_program nolibc-static "bad program header entry size" 'e_phentsize=old+8'
}

@test "ELF header: e_phnum 0" {
    bad_program nolibc-static "no program headers" e_phnum=0
}

@test "ELF header: e_phnum one over the limit" {
    bad_program nolibc-static "too many program headers (limit 512)" e_phnum=513
}

@test "ELF header: e_phnum PN_XNUM" {
    bad_program nolibc-static "too many program headers (limit 512)" e_phnum=0xffff
}

@test "ELF header: e_phoff at the end of the file" {
    bad_program nolibc-static "program headers lie outside the file" 'e_phoff=size'
}

@test "ELF header: e_phoff so large that the headers' end wraps around" {
    bad_program nolibc-static "program headers lie outside the file" 'e_phoff=2**(8*word)-e_phentsize'
}

@test "ELF header: e_entry 0" {
    bad_program nolibc-static "entry point outside the code" e_entry=0
}

@test "ELF header: e_entry in the data segment" {
    bad_program link-basic "entry point outside the code" 'e_entry=ph("DYNAMIC").p_vaddr'
}

# --- program headers ---

@test "PT_LOAD: p_filesz larger than p_memsz" {
    bad_program link-basic "segment's file size exceeds its memory size" 'phdr[LOAD:-1].p_filesz=ph("LOAD:-1").p_memsz+1'
}

@test "PT_LOAD: p_offset at the end of the file" {
    bad_program link-basic "segment lies outside the file" 'phdr[LOAD:-1].p_offset=size'
}

@test "PT_LOAD: p_offset + p_filesz wraps around" {
    bad_program link-basic "segment lies outside the file" 'phdr[LOAD:-1].p_offset=2**(8*word)-0x1000+old%0x1000'
}

@test "PT_LOAD: p_filesz and p_memsz of the whole address space" {
    bad_program link-basic "segment lies outside the file" 'phdr[LOAD:-1].p_filesz=2**(8*word)-1' \
        'phdr[LOAD:-1].p_memsz=2**(8*word)-1'
}

@test "PT_LOAD: p_vaddr and p_offset not congruent modulo the page size" {
    bad_program link-basic "segment's address and offset differ modulo the page size" 'phdr[LOAD:-1].p_vaddr=old+1'
}

@test "PT_LOAD: p_vaddr + p_memsz wraps around" {
    bad_program link-basic "segment's address range overflows" 'phdr[LOAD:-1].p_memsz=2**(8*word)-ph("LOAD:-1").p_vaddr'
}

@test "PT_LOAD: a segment ending in the last page of the address space" {
    bad_program link-basic "segment's address range overflows" \
        'phdr[LOAD:-1].p_vaddr=2**(8*word)-0x1000+old%0x1000'
}

@test "PT_LOAD: segments out of order" {
    bad_program link-basic "segments are unsorted or share a page" \
        'phdr[LOAD:0].p_vaddr=ph("LOAD:-1").p_vaddr-ph("LOAD:-1").p_vaddr%0x1000+0x100000'
}

@test "PT_LOAD: a segment overlapping the next one" {
    bad_program link-basic "segments are unsorted or share a page" \
        'phdr[LOAD:0].p_memsz=ph("LOAD:1").p_vaddr-ph("LOAD:0").p_vaddr+1'
}

@test "PT_LOAD: a segment ending in the page where the next one starts" {
    bad_program link-basic "segments are unsorted or share a page" \
        'phdr[LOAD:-2].p_memsz=ph("LOAD:-1").p_vaddr-ph("LOAD:-2").p_vaddr-8'
}

@test "PT_LOAD: a read-only segment in the last page of the writable one" {
    # Mapped, it would make the writable segment's tail read-only under the
    # relocations about to write there.
    bad_program link-basic "segments are unsorted or share a page" 'phdr[GNU_STACK].p_type=1' \
        'phdr[LOAD:-1].p_vaddr=ph("LOAD:-2").p_vaddr+ph("LOAD:-2").p_memsz+8' \
        'phdr[LOAD:-1].p_offset=ph("LOAD:-1").p_vaddr' 'phdr[LOAD:-1].p_memsz=8' 'phdr[LOAD:-1].p_flags=4'
}

@test "PT_LOAD: none at all" {
    bad_program nolibc-static "no loadable segments" 'phdr[LOAD:all].p_type=0'
}

@test "PT_LOAD: the dynamic section in a segment that may not be read" {
    bad_program link-basic "bad PT_DYNAMIC" 'phdr[LOAD:-1].p_flags=2'
}

@test "PT_INTERP: empty" {
    bad_program auxv-dyn "bad PT_INTERP" 'phdr[INTERP].p_filesz=0'
}

@test "PT_INTERP: longer than a path may be" {
    bad_program auxv-dyn "bad PT_INTERP" 'phdr[INTERP].p_filesz=4097'
}

@test "PT_INTERP: not NUL-terminated" {
    bad_program auxv-dyn "bad PT_INTERP" 'phdr[INTERP].p_filesz=old-1'
}

@test "PT_INTERP: outside the file" {
    bad_program auxv-dyn "bad PT_INTERP" 'phdr[INTERP].p_offset=size'
}

@test "PT_DYNAMIC: outside every segment" {
    bad_program link-basic "bad PT_DYNAMIC" 'phdr[DYNAMIC].p_vaddr=0x7ff00000'
}

@test "PT_DYNAMIC: misaligned" {
    bad_program link-basic "bad PT_DYNAMIC" 'phdr[DYNAMIC].p_vaddr=old+1'
}

@test "PT_TLS: alignment not a power of two" {
    bad_program link-tls "bad PT_TLS segment" 'phdr[TLS].p_align=3'
}

@test "PT_TLS: p_filesz larger than p_memsz" {
    bad_program link-tls "bad PT_TLS segment" 'phdr[TLS].p_filesz=ph("TLS").p_memsz+1'
}

@test "PT_TLS: larger than the TLS limit" {
    bad_program link-tls "bad PT_TLS segment" 'phdr[TLS].p_memsz=0x10000000'
}

@test "PT_TLS: initialisation image outside the segments" {
    bad_program link-tls "bad PT_TLS segment" 'phdr[TLS].p_vaddr=0x7ff00000'
}

@test "PT_GNU_RELRO: outside the segments" {
    bad_program link-basic "PT_GNU_RELRO outside the segments" 'phdr[GNU_RELRO].p_vaddr=0x7ff00000'
}

@test "PT_GNU_RELRO: covering the lazily bound PLT slots" {
    bad_program link-basic "lazy call through a bad PLT entry" 'phdr[LOAD:-1].p_memsz=old+0x20000' \
        'phdr[GNU_RELRO].p_memsz=ph("LOAD:-1").p_vaddr+ph("LOAD:-1").p_memsz-ph("GNU_RELRO").p_vaddr'
}

# --- dynamic entries pointing outside the image ---

@test "DT_STRTAB: outside the image" {
    bad_library libanswer.so link-basic "bad DT_STRTAB" 'dyn[STRTAB]=0x7ff00000'
}

@test "DT_STRSZ: zero" {
    bad_library libanswer.so link-basic "bad DT_STRTAB" 'dyn[STRSZ]=0'
}

@test "DT_STRSZ: the table no longer ends in NUL" {
    bad_library libanswer.so link-basic "bad DT_STRTAB" 'dyn[STRSZ]=old-1'
}

@test "DT_STRSZ: past the end of the segment" {
    bad_library libanswer.so link-basic "bad DT_STRTAB" 'dyn[STRSZ]=0x10000000'
}

@test "DT_SYMTAB: outside the image" {
    bad_library libanswer.so link-basic "bad DT_SYMTAB" 'dyn[SYMTAB]=0x7ff00000'
}

@test "DT_SYMTAB: misaligned" {
    bad_library libanswer.so link-basic "bad DT_SYMTAB" 'dyn[SYMTAB]=old+1'
}

@test "DT_SYMENT: not the size of a symbol" {
    bad_library libanswer.so link-basic "bad DT_SYMTAB" 'dyn[SYMENT]=old+1'
}

@test "DT_NEEDED: past the end of the string table" {
    bad_program link-basic "bad DT_NEEDED" 'dyn[NEEDED]=dyn("STRSZ")'
}

@test "DT_SONAME: past the end of the string table" {
    bad_library libanswer.so link-basic "bad dynamic string offset" 'dyn[SONAME]=dyn("STRSZ")+0x1000'
}

@test "DT_RUNPATH: past the end of the string table" {
    bad_program link-basic-origin "bad dynamic string offset" 'dyn[RUNPATH]=0xffffff'
}

@test "DT_REL or DT_RELA: outside the image" {
    bad_library libanswer.so link-basic "bad DT_$RELTAG" "dyn[$RELTAG]=0x7ff00000"
}

@test "DT_REL or DT_RELA: misaligned" {
    bad_library libanswer.so link-basic "bad DT_$RELTAG" "dyn[$RELTAG]=old+word//2"
}

@test "DT_RELSZ or DT_RELASZ: not a whole number of entries" {
    bad_library libanswer.so link-basic "bad DT_$RELTAG" "dyn[${RELTAG}SZ]=old+1"
}

@test "DT_RELSZ or DT_RELASZ: past the end of the segment" {
    bad_library libanswer.so link-basic "bad DT_$RELTAG" "dyn[${RELTAG}SZ]=0x10000000*dyn('${RELTAG}ENT')"
}

@test "DT_RELENT or DT_RELAENT: not the size of an entry" {
    bad_library libanswer.so link-basic "bad DT_$RELTAG" "dyn[${RELTAG}ENT]=old*2"
}

@test "DT_JMPREL: outside the image" {
    bad_program link-basic "bad DT_JMPREL" 'dyn[JMPREL]=0x7ff00000'
}

@test "DT_PLTRELSZ: past the end of the segment" {
    bad_program link-basic "bad DT_JMPREL" 'dyn[PLTRELSZ]=old*0x100000'
}

@test "DT_PLTREL: neither DT_REL nor DT_RELA" {
    bad_program link-basic "bad DT_PLTREL" 'dyn[PLTREL]=5'
}

@test "DT_PLTGOT: outside the image" {
    bad_program link-basic "bad DT_PLTGOT" 'dyn[PLTGOT]=0x7ff00000'
}

@test "DT_PLTGOT: in a read-only segment" {
    bad_program link-basic "bad DT_PLTGOT" 'dyn[PLTGOT]=dyn("SYMTAB")'
}

@test "DT_INIT_ARRAY: outside the image" {
    bad_library libinit_a.so link-init "bad DT_INIT_ARRAY" 'dyn[INIT_ARRAY]=0x7ff00000'
}

@test "DT_INIT_ARRAYSZ: not a whole number of words" {
    bad_library libinit_a.so link-init "bad DT_INIT_ARRAY" 'dyn[INIT_ARRAYSZ]=old+1'
}

@test "DT_FINI_ARRAY: outside the image" {
    bad_library libinit_a.so link-init "bad DT_FINI_ARRAY" 'dyn[FINI_ARRAY]=0x7ff00000'
}

@test "DT_INIT: a function in the data segment" {
    # libanswer gets one (for DT_SYMENT), whose address is its dynamic section.
    bad_library libanswer.so link-basic "initialiser outside the code" 'dyn[SYMENT].d_tag=12' \
        'dyn[INIT]=ph("DYNAMIC").p_vaddr'
}

@test "DT_TEXTREL: text relocations" {
    bad_library libanswer.so link-basic "text relocations are not supported" "dyn[${RELTAG}ENT].d_tag=22"
}

# --- hash tables ---

@test "DT_GNU_HASH: outside the image" {
    bad_library libanswer.so link-basic "bad DT_GNU_HASH" 'dyn[GNU_HASH]=0x7ff00000'
}

@test "DT_GNU_HASH: no buckets" {
    bad_library libanswer.so link-basic "bad DT_GNU_HASH" 'gnuhash.nbuckets=0'
}

@test "DT_GNU_HASH: a bloom filter whose size is not a power of two" {
    bad_library libanswer.so link-basic "bad DT_GNU_HASH" 'gnuhash.bloom_size=3'
}

@test "DT_GNU_HASH: a bloom shift of 32" {
    bad_library libanswer.so link-basic "bad DT_GNU_HASH" 'gnuhash.bloom_shift=32'
}

@test "DT_GNU_HASH: buckets past the end of the segment" {
    bad_library libanswer.so link-basic "bad DT_GNU_HASH" 'gnuhash.nbuckets=0x40000000'
}

@test "DT_GNU_HASH: chains that never end find nothing they should not" {
    # Every chain entry without its end bit: a walk runs on to the end of
    # the symbols, and finds only what matches by name.
    OPTS=(--bind-now)
    mkdir -p "$T/lib"
    local edits=() i n
    n=$(readelf --dyn-syms -W "$FIX/lib/libanswer.so" | grep -c '^ *[0-9]*:')
    for ((i = 0; i < n; ++i)); do edits+=("gnuhash.chain[$i]=old&~1 if $i<$n-get('gnuhash.symoffset') else old"); done
    "$ELFPATCH" "$FIX/lib/libanswer.so" "$T/lib/libanswer.so" "${edits[@]}"
    run -0 ml --library-path "$T/lib:$FIX/lib" "$FIX/link-basic"
    [[ "$output" == *"answer=42"* ]]
}

@test "DT_HASH: no buckets" {
    bad_library libsysv.so link-misc "bad DT_HASH" 'hash.nbucket=0'
}

@test "DT_HASH: chains past the end of the segment" {
    bad_library libsysv.so link-misc "bad DT_HASH" 'hash.nchain=0x40000000'
}

@test "DT_HASH: a chain that loops" {
    # Every symbol's chain leads to itself: a lookup must give up, not spin.
    OPTS=(--bind-now)
    mkdir -p "$T/lib"
    local edits=() i n
    n=$(readelf --dyn-syms -W "$FIX/lib/libsysv.so" | grep -c '^ *[0-9]*:')
    for ((i = 1; i < n; ++i)); do edits+=("hash.chain[$i]=$i"); done
    "$ELFPATCH" "$FIX/lib/libsysv.so" "$T/lib/libsysv.so" "${edits[@]}"
    run -127 --separate-stderr ml "${OPTS[@]}" --library-path "$T/lib:$FIX/lib" "$FIX/link-misc"
    # Each symbol the program takes from libsysv is now undefined.
    [ -n "$stderr" ]
    ! printf '%s\n' "$stderr" | grep -v "^miniload: $FIX/link-misc: undefined symbol: sysv_"
}

# --- symbols ---

@test "symbols: a relocation naming a symbol past the table" {
    OPTS=(--bind-now)
    bad_program link-basic "symbol index out of range" 'plt[0].r_sym=0xffffff'
}

@test "symbols: a name past the end of the string table" {
    OPTS=(--bind-now)
    bad_program link-basic "bad symbol name offset" 'sym[symbol("greeting")].st_name=0xffffff'
}

# --- symbol versions ---

@test "versions: DT_VERSYM outside the image" {
    bad_library libver.so link-ver-new "bad symbol versions" 'dyn[VERSYM]=0x7ff00000'
}

@test "versions: DT_VERDEF outside the image" {
    bad_library libver.so link-ver-new "bad symbol versions" 'dyn[VERDEF]=0x7ff00000'
}

@test "versions: a definition's auxiliary entry outside the image" {
    bad_library libver.so link-ver-new "bad symbol versions" 'verdef[1].vd_aux=0x7ff00000'
}

@test "versions: a definition's name past the string table" {
    bad_library libver.so link-ver-new "bad symbol versions" 'verdef[1].vda_name=0xffffff'
}

@test "versions: a version index beyond the limit" {
    bad_library libver.so link-ver-new "bad symbol versions" 'verdef[1].vd_ndx=0x7fff'
}

@test "versions: a list of definitions that loops" {
    # The last entry points back at the first (on 32-bit machines the offset
    # wraps around to it; on 64-bit ones it leaves the image), and the count
    # says there are four billion of them.
    bad_library libver.so link-ver-new "bad symbol versions" \
        'verdef[2].vd_next=2**32-get("verdef[0].vd_next")-get("verdef[1].vd_next")' 'dyn[VERDEFNUM]=0xffffffff'
}

@test "versions: DT_VERNEED outside the image" {
    bad_program link-ver-new "bad symbol versions" 'dyn[VERNEED]=0x7ff00000'
}

@test "versions: a needed version's auxiliary entries outside the image" {
    bad_program link-ver-new "bad symbol versions" 'verneed[0].vn_aux=0x7ff00000'
}

@test "versions: a needed version's name past the string table" {
    bad_program link-ver-new "bad symbol versions" 'verneed[0].aux[0].vna_name=0xffffff'
}

# --- relocations ---

@test "relocations: a place outside the writable segments" {
    bad_library libanswer.so link-basic "relocation outside a writable segment" 'rel[0].r_offset=dyn("SYMTAB")'
}

@test "relocations: a place past the end of the image" {
    bad_library libanswer.so link-basic "relocation outside a writable segment" 'rel[0].r_offset=0x7ff00000'
}

@test "relocations: an unknown type" {
    bad_library libanswer.so link-basic "unsupported relocation type 200" 'rel[0].r_type=200'
}

@test "relocations: a lazy PLT slot outside the writable segments" {
    bad_program link-basic "relocation outside a writable segment" 'plt[0].r_offset=0x7ff00000'
}

@test "relocations: an unknown type in the PLT table" {
    bad_program link-basic "unsupported relocation type 200" 'plt[0].r_type=200'
}

@test "relocations: COPY without a symbol" {
    bad_program link-basic-nopie "bad COPY relocation" 'rel[0].r_sym=0'
}

@test "relocations: COPY of more bytes than the definition has" {
    bad_program link-basic-nopie "bad COPY relocation" 'sym[symbol("shared_counter")].st_size=0x10000000'
}

@test "relocations: COPY from an absolute symbol" {
    mkdir -p "$T/lib"
    "$ELFPATCH" "$FIX/lib/libanswer.so" "$T/lib/libanswer.so" 'sym[symbol("shared_counter")].st_shndx=0xfff1'
    fails_as "$FIX/link-basic-nopie" "bad COPY relocation" --library-path "$T/lib:$FIX/lib" "$FIX/link-basic-nopie"
}

@test "relocations: TLS without a PT_TLS segment" {
    mkdir -p "$T/lib"
    "$ELFPATCH" "$FIX/lib/libtls1.so" "$T/lib/libtls1.so" 'phdr[TLS].p_type=0'
    run -127 --separate-stderr ml --library-path "$T/lib:$FIX/lib" "$FIX/link-tls"
    # Whichever object first refers to libtls1's variables says so.
    [[ "$stderr" =~ ^miniload:\ [^:]+:\ TLS\ relocation\ without\ PT_TLS$ ]]
    [ -z "$output" ]
}

@test "relocations: an ifunc resolver in the data segment" {
    OPTS=(--bind-now)
    bad_library libifunc.so link-ifunc "ifunc resolver outside the code" 'sym[symbol("pick")].st_value=ph("DYNAMIC").p_vaddr'
}

# RELR, on every architecture: two dynamic entries that miniload does not
# need (the entry sizes of symbols and relocations) become DT_RELR and
# DT_RELRSZ, pointing at words of the file chosen for what they hold.

@test "RELR: a bitmap before any address" {
    # The first word of the file is the ELF magic: odd, so a bitmap.
    bad_library libanswer.so link-basic "bad DT_RELR" 'dyn[SYMENT].d_tag=36' 'dyn[RELR]=0' \
        "dyn[${RELTAG}ENT].d_tag=35" 'dyn[RELRSZ]=word'
}

@test "RELR: an address in a read-only segment" {
    # DT_SYMTAB's value: even, and the address of the symbol table.
    bad_library libanswer.so link-basic "relocation outside a writable segment" 'dyn[SYMENT].d_tag=36' \
        'dyn[RELR]=va(dynent("SYMTAB")+word)' "dyn[${RELTAG}ENT].d_tag=35" 'dyn[RELRSZ]=word'
}

@test "RELR: a bitmap running past the writable segment" {
    # Two words of PT_GNU_STACK, which nothing reads: the last word of the
    # writable segment, then a bitmap of all ones.
    bad_library libanswer.so link-basic "relocation outside a writable segment" \
        'phdr[GNU_STACK].p_offset=ph("LOAD:-1").p_vaddr+ph("LOAD:-1").p_memsz-word' \
        'phdr[GNU_STACK].p_vaddr=2**(8*word)-1' 'dyn[SYMENT].d_tag=36' \
        'dyn[RELR]=va(ph("GNU_STACK").off+word)' "dyn[${RELTAG}ENT].d_tag=35" 'dyn[RELRSZ]=2*word'
}

@test "RELR: a size that is not a whole number of words" {
    bad_library libanswer.so link-basic "bad DT_RELR" 'dyn[SYMENT].d_tag=36' 'dyn[RELR]=0' \
        "dyn[${RELTAG}ENT].d_tag=35" 'dyn[RELRSZ]=word+1'
}

# --- limits ---

@test "limits: a library path entry longer than a path may be" {
    local long
    long=$(printf 'd%.0s' $(seq 5000))
    fails_as "$FIX/link-basic" "libanswer.so: cannot open shared object file: File name too long" \
        --library-path "$T/$long" "$FIX/link-basic"
}

@test "limits: a preloaded library's name longer than a path may be" {
    local long
    long=lib$(printf 'd%.0s' $(seq 5000)).so
    fails_as "$FIX/link-basic" "$long: cannot open shared object file: File name too long" \
        --library-path "$FIX/lib" --preload "$long" "$FIX/link-basic"
}

@test "limits: more objects than miniload links" {
    # A chain of 1100 libraries, each needing the next: copies of the chain
    # fixture's first link with its names rewritten in place.
    mkdir -p "$T/lib/chain"
    python3 - "$FIX" "$T" <<'PY'
import sys
fix, out = sys.argv[1:]
lib = open(f"{fix}/lib/chain/libchain0.so", "rb").read()
name = lambda i: b"l%08d.so" % i  # as long as "libchain0.so"
for i in range(1100):
    data = lib.replace(b"libchain0.so", name(i)).replace(b"libchain1.so", name(i + 1))
    open(f"{out}/lib/chain/l{i:08d}.so", "wb").write(data)
prog = open(f"{fix}/link-chain", "rb").read()
open(f"{out}/prog", "wb").write(prog.replace(b"libchain0.so", name(0)))
PY
    chmod +x "$T/prog"
    # The program and 1023 libraries fit; the next one does not.
    fails_as "$T/lib/chain/l00001023.so" "too many objects (limit 1024)" --list "$T/prog"
}

@test "limits: a library named 120000 times, with 4000 versions needed from it" {
    # Well-formed but for its counts: checking the versions once per naming
    # of the library took seconds natively and minutes under qemu-user.
    "$ROOT/tests/malformed/repeat-needed.py" "$FIX/link-ver-new" "$T/prog" 120000 4000
    LIMIT=10 run -0 ml --library-path "$FIX/lib" --verify "$T/prog"
}
