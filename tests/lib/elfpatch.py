#!/usr/bin/env python3
"""Derive a malformed ELF file from a good one by rewriting named fields.

    elfpatch.py IN OUT [EDIT...]

Each EDIT is LOCATION=EXPR, applied in order. LOCATION names a field of the
file, found the way a loader finds it (through the ELF header, the program
headers and PT_DYNAMIC), so one edit means the same thing for every
architecture's build of a fixture:

    truncate                   keep only the first EXPR bytes
    ident[I] byte[O]           byte I of e_ident; the byte at file offset O
    u16[O] u32[O] word[O]      a 16-, 32-bit or ELF-class-sized word at file offset O
    e_FIELD                    an ELF header field (e_type, e_phoff, e_phnum, ...)
    phdr[SEL].p_FIELD          a program header field; SEL is an index, or a
                               type name with an optional ordinal (LOAD,
                               LOAD:1, LOAD:-1 for the last one, LOAD:all)
    dyn[TAG] dyn[TAG].d_tag    d_val or d_tag of a dynamic entry (TAG as in
                               DT_TAG without DT_, with an optional ordinal)
    sym[I].st_FIELD            a field of dynamic symbol I (an EXPR, as symbol(NAME))
    rel[I].r_FIELD             entry I of DT_RELA, or DT_REL when there is no
    plt[I].r_FIELD             DT_RELA; entry I of DT_JMPREL. Fields: r_offset,
                               r_info, r_addend, and r_sym and r_type (parts of r_info)
    relr[I]                    word I of DT_RELR
    gnuhash.FIELD              nbuckets, symoffset, bloom_size, bloom_shift,
    gnuhash.bucket[I] .chain[I] .bloom[I]   and the tables of DT_GNU_HASH
    hash.nbucket hash.nchain hash.bucket[I] hash.chain[I]    DT_HASH
    versym[I]                  entry I of DT_VERSYM
    verdef[I].vd_FIELD         the I-th DT_VERDEF entry (following vd_next),
    verdef[I].vda_FIELD        and its first auxiliary entry
    verneed[I].vn_FIELD        the I-th DT_VERNEED entry, and auxiliary entry J
    verneed[I].aux[J].vna_FIELD

EXPR is a Python expression. It may use `old` (the field's current value),
`size` (of the input file), `word` (4 or 8), the ELF header fields by name
(e_phoff, ...), and the functions ph(SEL) (a program header: .p_FIELD and .off,
its file offset), dyn(TAG) (a d_val), dynent(TAG) (the file offset of that
entry), off(VADDR) (the file offset of an address), va(OFF) (the address
of a file offset), info(SYM, TYPE) (an r_info), string(NAME) (the offset
of NAME in the dynamic string table), symbol(NAME) (the index of the
dynamic symbol NAME) and get(LOCATION) (the value of another field).
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
SYM = {
    32: dict(st_name=("I", 0), st_value=("I", 4), st_size=("I", 8), st_info=("B", 12),
             st_other=("B", 13), st_shndx=("H", 14)),
    64: dict(st_name=("I", 0), st_info=("B", 4), st_other=("B", 5), st_shndx=("H", 6),
             st_value=("Q", 8), st_size=("Q", 16)),
}
VERDEF = dict(vd_version=("H", 0), vd_flags=("H", 2), vd_ndx=("H", 4), vd_cnt=("H", 6),
              vd_hash=("I", 8), vd_aux=("I", 12), vd_next=("I", 16))
VERDAUX = dict(vda_name=("I", 0), vda_next=("I", 4))
VERNEED = dict(vn_version=("H", 0), vn_cnt=("H", 2), vn_file=("I", 4), vn_aux=("I", 8),
               vn_next=("I", 12))
VERNAUX = dict(vna_hash=("I", 0), vna_flags=("H", 4), vna_other=("H", 6), vna_name=("I", 8),
               vna_next=("I", 12))
PT = dict(NULL=0, LOAD=1, DYNAMIC=2, INTERP=3, NOTE=4, PHDR=6, TLS=7,
          GNU_EH_FRAME=0x6474E550, GNU_STACK=0x6474E551, GNU_RELRO=0x6474E552)
DT = dict(NULL=0, NEEDED=1, PLTRELSZ=2, PLTGOT=3, HASH=4, STRTAB=5, SYMTAB=6, RELA=7,
          RELASZ=8, RELAENT=9, STRSZ=10, SYMENT=11, INIT=12, FINI=13, SONAME=14, RPATH=15,
          SYMBOLIC=16, REL=17, RELSZ=18, RELENT=19, PLTREL=20, DEBUG=21, TEXTREL=22,
          JMPREL=23, BIND_NOW=24, INIT_ARRAY=25, FINI_ARRAY=26, INIT_ARRAYSZ=27,
          FINI_ARRAYSZ=28, RUNPATH=29, FLAGS=30, PREINIT_ARRAY=32, PREINIT_ARRAYSZ=33,
          RELRSZ=35, RELR=36, RELRENT=37, GNU_HASH=0x6FFFFEF5, VERSYM=0x6FFFFFF0,
          RELACOUNT=0x6FFFFFF9, RELCOUNT=0x6FFFFFFA, FLAGS_1=0x6FFFFFFB, VERDEF=0x6FFFFFFC,
          VERDEFNUM=0x6FFFFFFD, VERNEED=0x6FFFFFFE, VERNEEDNUM=0x6FFFFFFF)


def fail(message):
    sys.exit(f"elfpatch: {message}")


class Elf:
    def __init__(self, data):
        self.data = data
        self.cls = 64 if data[4] == 2 else 32
        self.word = 8 if self.cls == 64 else 4
        self.W = "Q" if self.cls == 64 else "I"

    def get(self, fmt, off):
        return struct.unpack_from("<" + fmt, self.data, off)[0]

    def put(self, fmt, off, value):
        mask = (1 << (8 * struct.calcsize(fmt))) - 1
        struct.pack_into("<" + fmt, self.data, off, value & mask)

    def ehdr(self, name):
        return self.get(*EHDR[self.cls][name])

    # --- program headers ---
    def phdr_offsets(self, sel):
        phoff, phent, phnum = self.ehdr("e_phoff"), self.ehdr("e_phentsize"), self.ehdr("e_phnum")
        if sel.isdigit():
            return [phoff + int(sel) * phent]
        name, _, nth = sel.partition(":")
        matches = [phoff + i * phent for i in range(phnum)
                   if self.get("I", phoff + i * phent) == PT[name]]
        if nth == "all":
            return matches
        try:
            return [matches[int(nth or 0)]]
        except IndexError:
            fail(f"no program header {sel}")

    def phdr_offset(self, sel):
        return self.phdr_offsets(sel)[0]

    def ph(self, sel):
        base = self.phdr_offset(str(sel))
        fields = {k: self.get(f, base + o) for k, (f, o) in PHDR[self.cls].items()}
        return type("Phdr", (), dict(fields, off=base))

    def loads(self):
        phoff, phent, phnum = self.ehdr("e_phoff"), self.ehdr("e_phentsize"), self.ehdr("e_phnum")
        for i in range(phnum):
            base = phoff + i * phent
            if self.get("I", base) == PT["LOAD"]:
                yield {k: self.get(f, base + o) for k, (f, o) in PHDR[self.cls].items()}

    def off(self, vaddr):
        for p in self.loads():
            if p["p_vaddr"] <= vaddr < p["p_vaddr"] + p["p_filesz"]:
                return p["p_offset"] + vaddr - p["p_vaddr"]
        fail(f"address {vaddr:#x} is not in the file")

    def va(self, offset):
        for p in self.loads():
            if p["p_offset"] <= offset < p["p_offset"] + p["p_filesz"]:
                return p["p_vaddr"] + offset - p["p_offset"]
        fail(f"file offset {offset:#x} is not loaded")

    # --- the dynamic section ---
    def dynents(self):
        base = self.ph("DYNAMIC").p_offset
        size = 2 * self.word
        for i in range(self.ph("DYNAMIC").p_filesz // size):
            tag = self.get("q" if self.cls == 64 else "i", base + i * size)
            yield tag, base + i * size
            if tag == 0:
                return

    def dynent(self, sel):
        name, _, nth = str(sel).partition(":")
        tag = DT[name] if name in DT else int(name, 0)
        found = [o for t, o in self.dynents() if t == tag]
        try:
            return found[int(nth or 0)]
        except IndexError:
            fail(f"no dynamic entry {sel}")

    def dyn(self, sel):
        return self.get(self.W, self.dynent(sel) + self.word)

    def table(self, tag):
        return self.off(self.dyn(tag))

    def string(self, name):
        strtab = self.table("STRTAB")
        at = self.data.find(name.encode() + b"\0", strtab, strtab + self.dyn("STRSZ"))
        if at < 0:
            fail(f"no string {name!r}")
        return at - strtab

    def symbol(self, name):
        symtab, size = self.table("SYMTAB"), 24 if self.cls == 64 else 16
        want = self.string(name)
        for i in range(1, 1 << 16):
            if self.get("I", symtab + i * size) == want:
                return i
        fail(f"no symbol {name!r}")

    def info(self, sym, rtype):
        return (sym << 32 | rtype) if self.cls == 64 else (sym << 8 | rtype)

    # --- locations: (format, file offset), or a pseudo-field handled in assign ---
    def locate(self, lhs):
        W, cls, word = self.W, self.cls, self.word
        if lhs in EHDR[cls]:
            return EHDR[cls][lhs]
        if m := re.fullmatch(r"(ident|byte|u16|u32|word)\[(.+)\]", lhs):
            fmt = dict(ident="B", byte="B", u16="H", u32="I", word=W)[m.group(1)]
            return fmt, self.eval(m.group(2))
        if m := re.fullmatch(r"phdr\[([\w:-]+)\]\.(p_\w+)", lhs):
            fmt, o = PHDR[cls][m.group(2)]
            return fmt, [at + o for at in self.phdr_offsets(m.group(1))]
        if m := re.fullmatch(r"dyn\[([\w:]+)\](\.d_tag|\.d_val)?", lhs):
            at = self.dynent(m.group(1))
            return ("q" if cls == 64 else "i", at) if m.group(2) == ".d_tag" else (W, at + word)
        if m := re.fullmatch(r"sym\[(.+)\]\.(st_\w+)", lhs):
            fmt, o = SYM[cls][m.group(2)]
            return fmt, self.table("SYMTAB") + self.eval(m.group(1)) * (24 if cls == 64 else 16) + o
        if m := re.fullmatch(r"(rel|plt)\[(\d+)\]\.r_(offset|info|addend|sym|type)", lhs):
            if m.group(1) == "plt":
                tab, rela = self.table("JMPREL"), self.dyn("PLTREL") == DT["RELA"]
            else:
                rela = any(t == DT["RELA"] for t, _ in self.dynents())
                tab = self.table("RELA" if rela else "REL")
            at = tab + int(m.group(2)) * (3 if rela else 2) * word
            field = m.group(3)
            if field == "offset":
                return W, at
            if field == "addend":
                return W, at + 2 * word
            return W, at + word, field  # r_info, or one part of it
        if m := re.fullmatch(r"relr\[(\d+)\]", lhs):
            return W, self.table("RELR") + int(m.group(1)) * word
        if m := re.fullmatch(r"gnuhash\.(\w+)(?:\[(\d+)\])?", lhs):
            h = self.table("GNU_HASH")
            nbuckets, _, bloom = self.get("I", h), self.get("I", h + 4), self.get("I", h + 8)
            names = dict(nbuckets=0, symoffset=4, bloom_size=8, bloom_shift=12)
            i = int(m.group(2) or 0)
            if m.group(1) in names:
                return "I", h + names[m.group(1)]
            if m.group(1) == "bloom":
                return W, h + 16 + i * word
            if m.group(1) == "bucket":
                return "I", h + 16 + bloom * word + 4 * i
            if m.group(1) == "chain":
                return "I", h + 16 + bloom * word + 4 * nbuckets + 4 * i
        if m := re.fullmatch(r"hash\.(\w+)(?:\[(\d+)\])?", lhs):
            h = self.table("HASH")
            i = int(m.group(2) or 0)
            names = dict(nbucket=0, nchain=4)
            if m.group(1) in names:
                return "I", h + names[m.group(1)]
            if m.group(1) == "bucket":
                return "I", h + 8 + 4 * i
            if m.group(1) == "chain":
                return "I", h + 8 + 4 * self.get("I", h) + 4 * i
        if m := re.fullmatch(r"versym\[(\d+)\]", lhs):
            return "H", self.table("VERSYM") + 2 * int(m.group(1))
        if m := re.fullmatch(r"verdef\[(\d+)\]\.(vd_\w+|vda_\w+)", lhs):
            at = self.table("VERDEF")
            for _ in range(int(m.group(1))):
                at += self.get("I", at + 16)
            if m.group(2) in VERDEF:
                fmt, o = VERDEF[m.group(2)]
                return fmt, at + o
            fmt, o = VERDAUX[m.group(2)]
            return fmt, at + self.get("I", at + 12) + o
        if m := re.fullmatch(r"verneed\[(\d+)\]\.(?:aux\[(\d+)\]\.)?(vna?_\w+)", lhs):
            at = self.table("VERNEED")
            for _ in range(int(m.group(1))):
                at += self.get("I", at + 12)
            if m.group(2) is None:
                fmt, o = VERNEED[m.group(3)]
                return fmt, at + o
            at += self.get("I", at + 8)
            for _ in range(int(m.group(2))):
                at += self.get("I", at + 12)
            fmt, o = VERNAUX[m.group(3)]
            return fmt, at + o
        fail(f"cannot parse location {lhs!r}")

    def eval(self, expr, old=None):
        names = {k: self.ehdr(k) for k in EHDR[self.cls]}
        names.update(old=old, size=self.size, word=self.word, ph=self.ph, dyn=self.dyn,
                     dynent=self.dynent, off=self.off, va=self.va, info=self.info,
                     string=self.string, symbol=self.symbol, get=self.value)
        return int(eval(expr, {"__builtins__": {}}, names))

    def value(self, lhs):
        fmt, at, *part = self.locate(lhs)
        return self.get(fmt, at[0] if isinstance(at, list) else at)

    def assign(self, lhs, rhs):
        fmt, at, *part = self.locate(lhs)
        if isinstance(at, list):  # several program headers
            for each in at:
                self.put(fmt, each, self.eval(rhs, self.get(fmt, each)))
            return
        old = self.get(fmt, at)
        shift, mask = (32, 0xFFFFFFFF) if self.cls == 64 else (8, 0xFF)
        if part == ["sym"]:
            old_part = old >> shift
            self.put(fmt, at, (self.eval(rhs, old_part) << shift) | (old & mask))
        elif part == ["type"]:
            self.put(fmt, at, (old & ~mask) | (self.eval(rhs, old & mask) & mask))
        else:
            self.put(fmt, at, self.eval(rhs, old))


def derive(src, dst, edits):
    """Writes to dst the file src with edits applied."""
    elf = Elf(bytearray(open(src, "rb").read()))
    elf.size = len(elf.data)
    for edit in edits:
        lhs, sep, rhs = edit.partition("=")
        if not sep:
            fail(f"cannot parse edit {edit!r}")
        if lhs == "truncate":
            del elf.data[elf.eval(rhs):]
        else:
            elf.assign(lhs, rhs)
    open(dst, "wb").write(elf.data)


if __name__ == "__main__":
    derive(sys.argv[1], sys.argv[2], sys.argv[3:])
