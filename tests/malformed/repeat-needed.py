#!/usr/bin/env python3
"""Derive a program that names its one library N times and needs M versions from it.

    repeat-needed.py IN OUT N M

IN is a fixture program with one DT_NEEDED and DT_VERNEED naming version V2
of that library (link-ver-new). OUT gets a new dynamic section appended, in
a segment of its own made from PT_GNU_STACK (which nothing reads): the old
entries, N more copies of its DT_NEEDED, and a DT_VERNEED list of M
auxiliary entries that all need V2 under different version indices. Every
part is well-formed; only the counts are hostile, so a loader whose work
grows with their product hangs.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import elfpatch  # noqa: E402

src, dst, n, m = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = bytearray(open(src, "rb").read())
elf = elfpatch.Elf(data)
elf.size = len(data)
W, word, DT = elf.W, elf.word, elfpatch.DT
tag_fmt = "<" + ("q" if elf.cls == 64 else "i") + W

entries = [(tag, elf.get(W, at + word)) for tag, at in elf.dynents()
           if tag not in (DT["NULL"], DT["VERNEED"], DT["VERNEEDNUM"])]
needed = next(value for tag, value in entries if tag == DT["NEEDED"])

align = 0x10000  # the largest page size of the five architectures
offset = (len(data) + align - 1) & ~(align - 1)
vaddr = (max(p["p_vaddr"] + p["p_memsz"] for p in elf.loads()) + align - 1) & ~(align - 1)
dynamic = entries + [(DT["NEEDED"], needed)] * n
verneed = vaddr + (len(dynamic) + 3) * 2 * word
dynamic += [(DT["VERNEED"], verneed), (DT["VERNEEDNUM"], 1), (DT["NULL"], 0)]
blob = b"".join(struct.pack(tag_fmt, tag, value) for tag, value in dynamic)


def elf_hash(name):
    h = 0
    for c in name.encode():
        h = ((h << 4) + c) & 0xFFFFFFFF
        h = (h ^ ((h & 0xF0000000) >> 24)) & 0x0FFFFFFF
    return h


v2 = elf.string("V2")
blob += struct.pack("<HHIII", 1, m, needed, 16, 0)  # Verneed: the library, m entries
for i in range(m):  # Vernaux: hash, flags, version index, name, next
    blob += struct.pack("<IHHII", elf_hash("V2"), 0, 2 + i, v2, 16 if i < m - 1 else 0)
data += bytes(offset - len(data)) + blob


def set_phdr(sel, **fields):
    at = elf.phdr_offset(sel)
    for field, value in fields.items():
        fmt, o = elfpatch.PHDR[elf.cls][field]
        elf.put(fmt, at + o, value)


size = len(dynamic) * 2 * word
set_phdr("DYNAMIC", p_offset=offset, p_vaddr=vaddr, p_paddr=vaddr, p_filesz=size, p_memsz=size)
set_phdr("GNU_STACK", p_type=1, p_flags=4, p_offset=offset, p_vaddr=vaddr, p_paddr=vaddr,
         p_filesz=len(blob), p_memsz=len(blob), p_align=align)
open(dst, "wb").write(data)
