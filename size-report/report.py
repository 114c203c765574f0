#!/usr/bin/env python3
"""Where the bytes of miniload come from.

    python3 size-report/report.py [--svg OUT.svg] [--markdown OUT.md]
        [--baseline DIR] [--save-baseline DIR] ARCH...

Run from the top of the tree. For each ARCH, reads build/ARCH/miniload and
the linker's map of it, build/ARCH/miniload.map (-Wl,-Map), and prints the
file size; the bytes each source file adds (its objects' .text*, .rodata*,
.data*, ... input sections; .bss apart, as it takes no room in the file);
and the bytes of each output section, with "headers and padding" for the
rest of the file.

Optimised at link time, the code comes from the compiler's own partitions,
which no longer follow source files. Then the bytes per source file come
from build/ARCH/miniload-nolto.map, the same objects linked without it
(make size links it), and one more row says what link-time optimisation
saved on top of them.

--svg OUT.svg        also draw the bytes per source file as a bar chart
--markdown OUT.md    also write the tables as Markdown
--save-baseline DIR  keep each ARCH's numbers in DIR/ARCH.json
--baseline DIR       compare with DIR/ARCH.json, where there is one: what
                     grew, shrank, came or went, as Linux's bloat-o-meter
"""

import argparse
import json
import os
import re
import sys
from xml.sax.saxutils import escape

HEX = re.compile(r"0x[0-9a-fA-F]+")
KINDS = ("text", "rodata", "data")
NOBITS = re.compile(r"\.(s|t|dyn)?bss")  # output sections that take no room in the file
# The input sections a source file contributes, by kind; anything else is
# made by the linker (.dynsym, .dynamic, .got, ...) or not loaded at all.
PREFIXES = (("bss", (".bss", ".sbss", ".tbss", "COMMON")), ("text", (".text",)),
            ("rodata", (".rodata", ".srodata", ".sdata2")),
            ("data", (".data", ".sdata", ".tdata", ".init_array", ".fini_array")))


def kind_of(section):
    return next((kind for kind, prefixes in PREFIXES if section.startswith(prefixes)), None)


def parse_map(path):
    """Output sections {name: size} and input sections [(name, size, object)],
    from the memory map part of a GNU ld map file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    start = text.find("\nLinker script and memory map\n")
    if start < 0:
        sys.exit(f"report.py: {path}: not a GNU ld map file")
    outputs, current, held = [], None, None
    for line in text[start:].splitlines()[2:]:
        fields = line.split()
        if held and len(fields) > 1 and HEX.fullmatch(fields[0]) and HEX.fullmatch(fields[1]):
            line = held + " " + line.strip()  # a long name, its numbers on the next line
            fields = line.split()
        held = None
        if len(fields) == 1:  # perhaps a long name; at the margin, also an end
            held = line
            current = current if line[0].isspace() else None
        elif fields and not line[0].isspace():  # an output section, or the end of all
            current = None
            if fields[0].startswith(".") and len(fields) > 2 and HEX.fullmatch(fields[1]):
                current = (fields[0], int(fields[1], 16), int(fields[2], 16), [])
                outputs.append(current)
        elif current and len(fields) > 2 and HEX.fullmatch(fields[1]) and HEX.fullmatch(fields[2]):
            if fields[0] == "*fill*" or not fields[0].startswith("*"):
                current[3].append([fields[0], int(fields[1], 16), int(fields[2], 16),
                                   " ".join(fields[3:])])
    sections, inputs = {}, []
    for name, address, size, entries in outputs:
        # ld may print a merged string section with more bytes than it holds:
        # no entry may reach past the next one, nor past its output section.
        placed = [e for e in entries if e[2] > 0] + [[None, address + size, 0, None]]
        for entry, after in zip(placed, placed[1:]):
            if after[1] >= entry[1]:
                entry[2] = min(entry[2], after[1] - entry[1])
        if sum(e[2] for e in placed) != size:
            print(f"report.py: {path}: {name}: input sections add up to "
                  f"{sum(e[2] for e in placed)} of {size} bytes", file=sys.stderr)
        inputs += [(e[0], e[2], e[3]) for e in placed[:-1] if e[0] != "*fill*"]
        if size:
            sections[name] = sections.get(name, 0) + size
    return sections, inputs


def source_of(obj, arch):
    """build/ARCH/obj/loader/image.cpp.o -> loader/image.cpp."""
    obj = os.path.normpath(obj)
    prefix = os.path.join("build", arch, "obj") + os.sep
    if obj.startswith(prefix) and obj.endswith(".o"):
        return obj[len(prefix):-2]
    return obj


def by_file(inputs, arch):
    """{source file: {kind: bytes, "bytes": in the file}} from input sections."""
    files = {}
    for name, size, obj in inputs:
        kind = kind_of(name)
        if kind and size:
            row = files.setdefault(source_of(obj, arch), dict.fromkeys(KINDS + ("bss",), 0))
            row[kind] += size
    for row in files.values():
        row["bytes"] = sum(row[k] for k in KINDS)
    return files


def measure(arch):
    binary = os.path.join("build", arch, "miniload")
    for path in (binary, binary + ".map"):
        if not os.path.isfile(path):
            sys.exit(f"report.py: {path}: no such file (build it with make ARCH={arch})")
    sections, inputs = parse_map(binary + ".map")
    files, lto = by_file(inputs, arch), None
    # The partitions of a link-time optimised link: /tmp/ccXXXXXX.ltrans0.ltrans.o
    if any(".ltrans" in os.path.basename(obj) for _, _, obj in inputs):
        plain = binary + "-nolto.map"
        if not os.path.isfile(plain):
            sys.exit(f"report.py: {plain}: no such file (make size links it)")
        optimised = sum(r["bytes"] for r in files.values())
        files = by_file(parse_map(plain)[1], arch)
        lto = optimised - sum(r["bytes"] for r in files.values())
    return {"arch": arch, "binary": binary, "file_size": os.path.getsize(binary),
            "files": files, "lto": lto, "sections": sections}


def percent(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "-"


def signed(n):
    return f"{n:+d}" if n else "0"


def tables(m, baseline):
    """One architecture's report: a title, tables (header, rows), lines."""
    size, files = m["file_size"], m["files"]
    total = {k: sum(r[k] for r in files.values()) for k in KINDS + ("bytes", "bss")}
    row = lambda name, r: [name, *(str(r[k]) for k in KINDS + ("bytes",)),
                           percent(r["bytes"], size), str(r["bss"])]
    rows = [row(f, files[f]) for f in sorted(files, key=lambda f: (-files[f]["bytes"], f))]
    rows.append(row("all source files", total))
    rest = size - total["bytes"]
    if m["lto"] is not None:
        rows.append(["link-time optimisation", "", "", "", signed(m["lto"]), percent(m["lto"], size), ""])
        rest -= m["lto"]
    rows += [["not from a source file", "", "", "", str(rest), percent(rest, size), ""],
             ["file size", "", "", "", str(size), percent(size, size), ""]]
    result = [] if m["lto"] is None else [
        "bytes per source file as linked without link-time optimisation "
        f"({m['binary']}-nolto.map); the next row is what it saves"]
    result.append((["source file", *KINDS, "bytes", "of file", "bss"], rows))

    rows, in_file = [], 0
    for name, n in m["sections"].items():
        held = not NOBITS.match(name)
        in_file += n if held else 0
        rows.append([name, str(n), percent(n, size) if held else "-",
                     "" if held else "not in the file"])
    rows += [["headers and padding", str(size - in_file), percent(size - in_file, size), ""],
             ["total", str(size), percent(size, size), ""]]
    result.append((["section", "bytes", "of file", ""], rows))

    if baseline:  # after the manner of Linux's scripts/bloat-o-meter
        old, new = baseline["files"], {f: r["bytes"] for f, r in files.items()}
        delta = {f: new.get(f, 0) - old.get(f, 0) for f in set(old) | set(new)}
        changed = sorted((f for f in delta if delta[f]), key=lambda f: (-delta[f], f))
        up, down = sum(d for d in delta.values() if d > 0), sum(d for d in delta.values() if d < 0)
        grow = sum(1 for f in changed if f in old and f in new and delta[f] > 0)
        result.append(f"against the baseline: add/remove: {len(set(new) - set(old))}/"
                      f"{len(set(old) - set(new))} grow/shrink: {grow}/"
                      f"{sum(1 for f in changed if f in old and f in new) - grow} "
                      f"up/down: {up}/{down} ({signed(up + down)})")
        rows = [[f, str(old.get(f, 0)), str(new.get(f, 0)), signed(delta[f])] for f in changed]
        for name, was, now in (("all source files", sum(old.values()), total["bytes"]),
                               ("file size", baseline["file_size"], size)):
            rows.append([name, str(was), str(now), signed(now - was)])
        result.append((["source file", "old", "new", "delta"], rows))
    return f"{m['arch']}: {m['binary']} is {size} bytes", result


def text_table(header, rows):
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return "\n".join(line(r) for r in [header] + rows)


def markdown_table(header, rows):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join(":--" if i == 0 else "--:" for i in range(len(header))) + "|"]
    return "\n".join(out + ["| " + " | ".join(r) + " |" for r in rows])


def render(reports, markdown):
    table = markdown_table if markdown else text_table
    parts = []
    for title, blocks in reports:
        parts.append(f"## {title}" if markdown else title)
        parts += [b if isinstance(b, str) else table(*b) for b in blocks]
    return "\n\n".join(parts) + "\n"


def svg(measures):
    """Bytes per source file, text, rodata and data stacked in one bar."""
    colours = {"text": "#4e79a7", "rodata": "#f28e2b", "data": "#59a14f"}
    names = [f for m in measures for f in m["files"]]
    label = 8 * max(map(len, names), default=10) + 16
    scale = max((r["bytes"] for m in measures for r in m["files"].values()), default=1) or 1
    room, row, y = 800 - label - 70, 20, 54
    out = ['<text x="10" y="22" font-size="16" font-weight="bold">'
           'miniload: bytes per source file</text>']
    for i, kind in enumerate(KINDS):
        out.append(f'<rect x="{10 + 90 * i}" y="32" width="12" height="12" '
                   f'fill="{colours[kind]}"/><text x="{26 + 90 * i}" y="43">{kind}</text>')
    for m in measures:
        y += 24
        out.append(f'<text x="10" y="{y}" font-weight="bold">'
                   f'{escape(m["arch"])}: {m["file_size"]} bytes in the file</text>')
        y += 8
        for f in sorted(m["files"], key=lambda f: (-m["files"][f]["bytes"], f)):
            r, x = m["files"][f], label
            out.append(f'<text x="{label - 8}" y="{y + 14}" text-anchor="end" '
                       f'font-family="monospace">{escape(f)}</text>')
            for kind in KINDS:
                w = room * r[kind] / scale
                if w:
                    out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="14" '
                               f'fill="{colours[kind]}"><title>{kind}: {r[kind]}</title></rect>')
                x += w
            out.append(f'<text x="{x + 6:.1f}" y="{y + 14}">{r["bytes"]}</text>')
            y += row
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="{y + 16}" '
            f'viewBox="0 0 800 {y + 16}" font-family="sans-serif" font-size="13">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(out) + "\n</svg>\n")


def load_baseline(directory, arch):
    path = os.path.join(directory or "", arch + ".json")
    if directory and os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    return None


def main():
    parser = argparse.ArgumentParser(description="Size report of build/ARCH/miniload.")
    parser.add_argument("arches", nargs="+", metavar="ARCH")
    for option, value in (("--svg", "OUT.svg"), ("--markdown", "OUT.md"),
                          ("--baseline", "DIR"), ("--save-baseline", "DIR")):
        parser.add_argument(option, metavar=value)
    args = parser.parse_args()
    measures = [measure(arch) for arch in args.arches]
    reports = [tables(m, load_baseline(args.baseline, m["arch"])) for m in measures]
    sys.stdout.write(render(reports, markdown=False))
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write("# miniload size report\n\n" + render(reports, markdown=True))
    if args.svg:
        with open(args.svg, "w", encoding="utf-8") as f:
            f.write(svg(measures))
    if args.save_baseline:
        os.makedirs(args.save_baseline, exist_ok=True)
        for m in measures:
            saved = {"file_size": m["file_size"],
                     "files": {f: r["bytes"] for f, r in m["files"].items()}}
            with open(os.path.join(args.save_baseline, m["arch"] + ".json"), "w") as f:
                f.write(json.dumps(saved, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
