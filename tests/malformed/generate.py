#!/usr/bin/env python3
"""Derive every malformed file of tests/malformed/cases from one build's fixtures.

    generate.py FIXDIR OUTDIR > MANIFEST

FIXDIR is build/<arch>/fixtures. Each case becomes a file under OUTDIR,
made with tests/lib/elfpatch.py's edits (which find what they change as a
loader does, so one case means the same on every architecture), and one
line of MANIFEST, its fields separated by tabs:

    SECTION  NAME  PATH  REASON  ARG...

miniload ARG... must exit 127 with exactly "miniload: PATH: REASON".

A case in the list is `NAME | TARGET | REASON | EDIT...`, under the
`[SECTION]` it belongs to. TARGET is `[OPTION...] PROGRAM` for a broken
fixture program, or `LIB in [OPTION...] PROGRAM` for a fixture program run
with a broken copy of the fixture library LIB first on its library path;
PATH is then the library, unless REASON starts with `[program] `. EDITs are
shell words. In REASON and the EDITs, {REL} is REL or RELA, as the
architecture's relocation tables are, and {MACHINE} its name as miniload
says it.
"""
import os
import shlex
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import elfpatch  # noqa: E402

MACHINES = {62: "x86-64", 183: "AArch64", 243: "RISC-V", 3: "Intel 80386", 40: "ARM"}


def main():
    fix, out = sys.argv[1], sys.argv[2]
    lib = elfpatch.Elf(bytearray(open(os.path.join(fix, "lib", "libanswer.so"), "rb").read()))
    words = {
        "REL": "RELA" if any(t == elfpatch.DT["RELA"] for t, _ in lib.dynents()) else "REL",
        "MACHINE": MACHINES[lib.ehdr("e_machine")],
    }
    section = None
    listing = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
    for number, line in enumerate(open(listing), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        name, target, reason, edits = (field.strip() for field in line.split(" | "))
        for key, value in words.items():
            reason = reason.replace("{" + key + "}", value)
            edits = edits.replace("{" + key + "}", value)
        library, _, run = target.rpartition(" in ")
        *options, program = run.split()
        case = os.path.join(out, str(number))
        os.makedirs(case)
        if library:
            os.mkdir(os.path.join(case, "lib"))
            broken = os.path.join(case, "lib", library)
            elfpatch.derive(os.path.join(fix, "lib", library), broken, shlex.split(edits))
            args = options + ["--library-path", f"{case}/lib:{fix}/lib", os.path.join(fix, program)]
            path = broken
        else:
            broken = os.path.join(case, program)
            elfpatch.derive(os.path.join(fix, program), broken, shlex.split(edits))
            os.chmod(broken, 0o755)
            args = options + ["--library-path", f"{fix}/lib", broken]
            path = broken
        if reason.startswith("[program] "):
            reason, path = reason[len("[program] "):], os.path.join(fix, program)
        print("\t".join([section, name, path, reason] + args))


if __name__ == "__main__":
    main()
