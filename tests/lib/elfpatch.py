#!/usr/bin/env python3
"""Derive a malformed ELF file from a good one by rewriting named fields.

    elfpatch.py IN OUT [EDIT...]

EDIT is one of
    e_FIELD=VALUE              an ELF header field (e_type, e_machine, e_phnum, ...)
    ident[I]=VALUE             byte I of e_ident
    phdr[SEL].p_FIELD=VALUE    a program header field; SEL is an index, or a
                               type name with an optional ordinal (LOAD, LOAD:1, LOAD:-1 for the last)
    truncate=N                 keep only the first N bytes
    byte[OFF]=VALUE            one raw byte
VALUE is an integer (0x... allowed); for p_FIELD it may be a field of the same
header plus or minus an integer, as in p_vaddr+0x10.
"""
import re
import struct
import sys

EHDR = {  # name: (format, offset) for ELFCLASS32 and ELFCLASS64
    32: dict(e_type=("H", 16), e_machine=("H", 18), e_version=("I", 20), e_entry=("I", 24),
             e_phoff=("I", 28), e_shoff=("I", 32), e_flags=("I", 36), e_ehsize=("H", 40),
             e_phentsize=("H", 42), e_phnum=("H", 44), e_shentsize=("H", 46), e_shnum=("H", 48),
             e_shstrndx=("H", 50)),
    64: dict(e_type=("H", 16), e_machine=("H", 18), e_version=("I", 20), e_entry=("Q", 24),
             e_phoff=("Q", 32), e_shoff=("Q", 40), e_flags=("I", 48), e_ehsize=("H", 52),
             e_phentsize=("H", 54), e_phnum=("H", 56), e_shentsize=("H", 58), e_shnum=("H", 60),
             e_shstrndx=("H", 62)),
}
PHDR = {
    32: dict(p_type=("I", 0), p_offset=("I", 4), p_vaddr=("I", 8), p_paddr=("I", 12),
             p_filesz=("I", 16), p_memsz=("I", 20), p_flags=("I", 24), p_align=("I", 28)),
    64: dict(p_type=("I", 0), p_flags=("I", 4), p_offset=("Q", 8), p_vaddr=("Q", 16),
             p_paddr=("Q", 24), p_filesz=("Q", 32), p_memsz=("Q", 40), p_align=("Q", 48)),
}
PT = dict(NULL=0, LOAD=1, DYNAMIC=2, INTERP=3, NOTE=4, PHDR=6, TLS=7,
          GNU_EH_FRAME=0x6474E550, GNU_STACK=0x6474E551, GNU_RELRO=0x6474E552)


def get(data, fmt, off):
    return struct.unpack_from("<" + fmt, data, off)[0]


def put(data, fmt, off, value):
    mask = (1 << (8 * struct.calcsize(fmt))) - 1
    struct.pack_into("<" + fmt, data, off, value & mask)


def phdr_offset(data, cls, sel):
    phoff = get(data, *EHDR[cls]["e_phoff"])
    phent = get(data, *EHDR[cls]["e_phentsize"])
    phnum = get(data, *EHDR[cls]["e_phnum"])
    if sel.isdigit():
        return phoff + int(sel) * phent
    name, _, nth = sel.partition(":")
    matches = [phoff + i * phent for i in range(phnum)
               if get(data, "I", phoff + i * phent) == PT[name]]
    try:
        return matches[int(nth or 0)]
    except IndexError:
        sys.exit(f"elfpatch: no program header {sel}")


def value_of(text, data, fmt_table, base):
    m = re.fullmatch(r"(p_\w+)([+-])(\w+)", text)
    if m:
        field = get(data, fmt_table[m.group(1)][0], base + fmt_table[m.group(1)][1])
        delta = int(m.group(3), 0)
        return field + delta if m.group(2) == "+" else field - delta
    return int(text, 0)


def main():
    src, dst, *edits = sys.argv[1:]
    data = bytearray(open(src, "rb").read())
    cls = 64 if data[4] == 2 else 32
    for edit in edits:
        lhs, rhs = edit.split("=", 1)
        if lhs == "truncate":
            del data[int(rhs, 0):]
        elif m := re.fullmatch(r"(ident|byte)\[(\w+)\]", lhs):
            data[int(m.group(2), 0)] = int(rhs, 0) & 0xFF
        elif lhs in EHDR[cls]:
            put(data, *EHDR[cls][lhs], int(rhs, 0))
        elif m := re.fullmatch(r"phdr\[([\w:-]+)\]\.(p_\w+)", lhs):
            base = phdr_offset(data, cls, m.group(1))
            fmt, off = PHDR[cls][m.group(2)]
            put(data, fmt, base + off, value_of(rhs, data, PHDR[cls], base))
        else:
            sys.exit(f"elfpatch: cannot parse edit {edit!r}")
    open(dst, "wb").write(data)


if __name__ == "__main__":
    main()
