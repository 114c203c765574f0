#!/usr/bin/env python3
"""Runs every measurement of `make bench` and reports them side by side.

    python3 tests/bench/bench.py --miniload build/x86_64/miniload --out build/bench
        [--plugin build/x86_64/fixtures/lib/libplugin.so] [--quick] [--no-callgrind]

The programs must be built (make bench-build). Rows 1 to 5 run programs and
are timed in rounds,
each round one hyperfine invocation holding all of the row's commands
(warm-up, then a fixed number of runs), so every ratio compares numbers
taken side by side. Then callgrind counts the instructions of every command
once, and the programs of rows 1 and 3 report their own mappings and peak
RSS. The table goes to standard output,
OUT/results.md and OUT/results.svg; the raw numbers to OUT/results.json.
Rows 6 and 7 compare libminiload with dlopen and dlsym inside one process
(OUT/libbench, from libbench.cpp), which times its own rounds.
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from html import escape

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pagefaults  # noqa: E402  (tests/lib, shared with the suites)

GLIBC = "/lib64/ld-linux-x86-64.so.2"
MUSL = "/lib/ld-musl-x86_64.so.1"
BUSYBOX = "/bin/busybox"
TRUE = "/bin/true"
KERNEL_MAPS = {"[stack]", "[vdso]", "[vvar]", "[vvar_vclock]", "[vsyscall]"}
TIMEOUT = 120


class Cmd:
    """One command: a program run by the kernel or a loader."""

    def __init__(self, row, case, by, argv, ref=False, maps=None, check=None):
        self.row, self.case, self.by, self.argv, self.ref = row, case, by, argv, ref
        self.maps_argv = maps     # the same run, printing its maps and status
        self.check_argv = check   # run once before timing: must exit 0
        self.median = self.spread = self.cpu = self.ir = self.hwm = self.maps = self.faults = None
        self.unit = ""            # the row's own figure (ns per relocation, per call)
        self.failed = None
        self.inproc = False       # rows 6 and 7: timed inside libbench, not run by hyperfine

    @property
    def key(self):
        return f"{self.row}|{self.case}|{self.by}"


def run(argv, **kw):
    return subprocess.run(argv, stdin=subprocess.DEVNULL, timeout=TIMEOUT, **kw)


def is_static(path):
    """An ELF file the kernel runs without an interpreter."""
    try:
        out = run(["readelf", "-lW", path], capture_output=True, text=True).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "Elf file type" in out and "Requesting program interpreter" not in out


def plan(ml, out, busybox):
    """The commands of every row, by row number."""
    ld = lambda loader, d, prog, *args: [loader, "--library-path", d, prog, *args]
    loaders = [("miniload", ml), ("glibc ld.so", GLIBC), ("musl", MUSL)]
    rows = {1: [], 2: [], 3: [], 4: [], 5: []}
    floor = f"{out}/floor"  # floor.c: the least a loader of its own can do

    for case, prog in (("static (ET_EXEC)", f"{out}/static"), ("static-PIE", f"{out}/static-pie")):
        rows[1].append(Cmd(1, case, "kernel", [prog], ref=True, maps=[prog, "maps"]))
        rows[1].append(Cmd(1, case, "floor", [floor, prog], maps=[floor, prog, "maps"]))
        rows[1].append(Cmd(1, case, "miniload", [ml, prog], maps=[ml, prog, "maps"]))
        # Without taking /proc/self/exe and the command line, which only costs
        # when the privilege allows it (root).
        keep = [ml, "--keep-exe", prog]
        rows[1].append(Cmd(1, case, "miniload --keep-exe", keep, maps=keep + ["maps"]))
    if busybox:
        status = [BUSYBOX, "cat", "/proc/self/maps", "/proc/self/status"]
        rows[1].append(Cmd(1, "busybox true", "kernel", [BUSYBOX, "true"], ref=True, maps=status))
        rows[1].append(Cmd(1, "busybox true", "miniload", [ml, BUSYBOX, "true"], maps=[ml] + status))

    rows[2].append(Cmd(2, TRUE, "kernel", [TRUE], ref=True))
    rows[2].append(Cmd(2, TRUE, "miniload", [ml, TRUE]))
    rows[2].append(Cmd(2, TRUE, "glibc ld.so", [GLIBC, TRUE]))

    one = f"{out}/one"
    for by, loader in loaders:
        rows[3].append(Cmd(3, "one library", by, ld(loader, one, f"{one}/one"), ref=by == "glibc ld.so",
                           maps=ld(loader, one, f"{one}/one", "maps")))

    for case, d in (("relocs, lazy", "heavy-lazy"), ("relocs, eager", "heavy-now"), ("hollow", "hollow")):
        for by, loader in loaders:
            prog = f"{out}/{d}/heavy"
            rows[4].append(Cmd(4, case, by, ld(loader, f"{out}/{d}", prog), ref=by == "glibc ld.so",
                               check=ld(loader, f"{out}/{d}", prog, "check")))

    for case, d, arg in (("calls, lazy", "calls-lazy", "call"), ("no calls, lazy", "calls-lazy", "none"),
                         ("calls, eager", "calls-now", "call"), ("no calls, eager", "calls-now", "none")):
        for by, loader in loaders[:2]:
            rows[5].append(Cmd(5, case, by, ld(loader, f"{out}/{d}", f"{out}/{d}/calls", arg),
                               ref=by == "glibc ld.so"))
    return rows


# Per row: rounds, and warm-up and timed runs per command in each round.
# Each round is one hyperfine invocation holding every command of the row;
# the rounds alternate the order of the commands, so that a machine getting
# busier or quieter during the row weighs on every command alike.
RUNS = {1: (10, 5, 100), 2: (10, 5, 100), 3: (10, 5, 100), 4: (6, 1, 10), 5: (10, 2, 30)}


def verify(cmds):
    """Runs each command (and its check) once; drops what fails."""
    good = []
    for c in cmds:
        for argv in filter(None, (c.check_argv, c.argv)):
            try:
                r = run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                if r.returncode:
                    c.failed = f"exit {r.returncode}"
                    err = r.stderr.strip().splitlines()
                    print(f"  FAILED ({c.failed}): {' '.join(argv)}" + (f": {err[-1]}" if err else ""))
                    break
            except (OSError, subprocess.SubprocessError) as e:
                c.failed = type(e).__name__
                print(f"  FAILED ({e}): {' '.join(argv)}")
                break
        if not c.failed:
            good.append(c)
    return good


def hyperfine(row, cmds, out, quick):
    rounds, warmup, runs = RUNS[row]
    if quick:
        rounds, runs = 2, max(3, runs // 5)
    times = {id(c): [] for c in cmds}
    cpu = {id(c): [] for c in cmds}
    saved = []
    export = os.path.join(out, f"hyperfine-row{row}.json")
    for k in range(rounds):
        order = cmds if k % 2 == 0 else cmds[::-1]
        argv = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                "--export-json", export] + [" ".join(quote(a) for a in c.argv) for c in order]
        r = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if r.returncode:
            sys.stderr.write(r.stdout + r.stderr)
            raise SystemExit(f"hyperfine failed on row {row}")
        with open(export, encoding="utf-8") as f:
            results = json.load(f)["results"]
        saved.append(results)
        for c, res in zip(order, results):
            times[id(c)] += res["times"]
            cpu[id(c)].append(res["user"] + res["system"])
    with open(export, "w", encoding="utf-8") as f:
        json.dump({"rounds": saved}, f)
    for c in cmds:
        t = sorted(times[id(c)])
        c.median = quantile(t, 0.5)
        c.spread = (quantile(t, 0.75) - quantile(t, 0.25)) / 2
        c.cpu = sum(cpu[id(c)]) / len(cpu[id(c)])
    return rounds * runs


def quote(arg):
    return arg if re.fullmatch(r"[\w@%+=:,./-]+", arg) else "'" + arg.replace("'", "'\\''") + "'"


def quantile(sorted_values, q):
    i = q * (len(sorted_values) - 1)
    lo = int(i)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (i - lo)


def callgrind(c, ml, out):
    """Instructions executed (Ir) by the whole process, miniload and program."""
    # miniload.elf is the same binary before stripping: it gives the profile names.
    argv = [ml + ".elf" if a == ml else a for a in c.argv]
    slug = re.sub(r"[^\w]+", "-", f"row{c.row}-{c.case}-{c.by}").strip("-").lower()
    dest = os.path.join(out, "callgrind", slug + ".out")
    r = run(["valgrind", "--tool=callgrind", "--dump-instr=no", f"--callgrind-out-file={dest}"] + argv,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode:
        return slug, None
    with open(dest, encoding="utf-8") as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return slug, int(line.split()[1])
    return slug, None


def profile(slug, out, top=15):
    """callgrind_annotate's top functions of one run, kept next to the results."""
    r = run(["callgrind_annotate", "--inclusive=no", os.path.join(out, "callgrind", slug + ".out")],
            capture_output=True, text=True)
    lines = r.stdout.splitlines()
    start = next((i for i, l in enumerate(lines) if "file:function" in l), None)
    if start is None:
        return
    text = "\n".join(lines[start:start + 2 + top]) + "\n"
    total = next((l for l in lines if "PROGRAM TOTALS" in l), "")
    with open(os.path.join(out, f"profile-{slug}.txt"), "w", encoding="utf-8") as f:
        f.write(total + "\n" + text)


def page_faults(c):
    """Page faults of the command from its exec on, median of five runs
    (tests/lib/pagefaults.py): unlike times, they do not depend on how busy
    the machine is. None when perf events are not allowed."""
    return pagefaults.median(c.argv)


def memory(c, loader):
    """Peak RSS and the mappings the program sees once it runs."""
    r = run(c.maps_argv, capture_output=True, text=True)
    if r.returncode:
        return
    # The benchmark programs mark where the status starts; busybox cat does not,
    # and the lines of each file are told apart by their shape anyway.
    maps, status = r.stdout.split("== /proc/self/status\n") if "== /proc/self/status\n" in r.stdout \
        else (r.stdout, r.stdout)
    hwm = re.search(r"^VmHWM:\s*(\d+)\s*kB", status, re.M)
    c.hwm = int(hwm.group(1)) if hwm else None
    total, image, anon = 0, [0, 0], [0, 0]   # [lines, KiB]
    loader = os.path.realpath(loader) if loader else None
    for line in maps.splitlines():
        fields = line.split(None, 5)
        span = re.fullmatch(r"([0-9a-f]+)-([0-9a-f]+)", fields[0]) if fields else None
        if len(fields) < 5 or not span:
            continue
        path = fields[5].strip() if len(fields) > 5 else ""
        kib = (int(span.group(2), 16) - int(span.group(1), 16)) // 1024
        total += 1
        if path in KERNEL_MAPS:
            continue
        if loader and path == loader:
            image[0] += 1
            image[1] += kib
        elif path in ("", "[heap]"):
            anon[0] += 1
            anon[1] += kib
    c.maps = (total, tuple(image), tuple(anon))


def relocations(path):
    """Dynamic relocations of one ELF file by section: {".rela.dyn": {type: n}}."""
    out = run(["readelf", "-rW", path], capture_output=True, text=True).stdout
    counts, section = {}, None
    for line in out.splitlines():
        m = re.match(r"Relocation section '([^']+)'", line)
        if m:
            section = counts.setdefault(m.group(1), {})
            continue
        m = re.match(r"\s*[0-9a-f]+\s+[0-9a-f]+\s+(R_\w+)", line)
        if m and section is not None:
            section[m.group(1)] = section.get(m.group(1), 0) + 1
    return counts


def set_relocations(directory):
    """(symbolic outside the PLT, PLT, relative) over a program and its libraries."""
    data = plt = rel = 0
    for name in sorted(os.listdir(directory)):
        for section, types in relocations(os.path.join(directory, name)).items():
            for t, n in types.items():
                if t.endswith("RELATIVE"):
                    rel += n
                elif section.endswith(".plt"):
                    plt += n
                else:
                    data += n
    return data, plt, rel


def per_unit(rows, out, calls_n):
    """ns per relocation (row 4) and per call (row 5), from medians timed side by side."""
    heavy = {m: set_relocations(os.path.join(out, d)) for m, d in
             (("lazy", "heavy-lazy"), ("eager", "heavy-now"), ("hollow", "hollow"))}
    extra_data = heavy["eager"][0] - heavy["hollow"][0]
    extra_plt = heavy["eager"][1] - heavy["hollow"][1]
    counts = {"data": extra_data, "plt": extra_plt, "sets": heavy}
    by = {c.key: c for c in rows[4] + rows[5]}
    for c in rows[4]:
        base = by.get(f"4|hollow|{c.by}")
        if c.case == "hollow" or not base or c.median is None or base.median is None:
            continue
        # Lazy binding leaves the PLT for later, except musl's loader, which has no lazy mode.
        n = extra_data + extra_plt if c.case.endswith("eager") or c.by == "musl" else extra_data
        c.unit = f"{(c.median - base.median) * 1e9 / n:.0f} ns/reloc"
        if c.ir is not None and base.ir is not None:
            c.unit += f", {(c.ir - base.ir) / n:.0f} Ir"
    # Row 5, per function: a first call through the lazy PLT (binding included),
    # binding at start-up, and a call once bound.
    for case, base, what in (("calls, lazy", "no calls, lazy", "first call"),
                             ("no calls, eager", "no calls, lazy", "eager bind"),
                             ("calls, eager", "no calls, eager", "bound call")):
        for c in rows[5]:
            b = by.get(f"5|{base}|{c.by}")
            if c.case != case or not b or c.median is None or b.median is None:
                continue
            c.unit = f"{what} {(c.median - b.median) * 1e9 / calls_n:.0f} ns"
            if c.ir is not None and b.ir is not None:
                c.unit += f", {(c.ir - b.ir) / calls_n:.0f} Ir"
    return counts


def in_process(out, plugin, quick):
    """Rows 6 and 7: libbench's per-operation times of each round, side by side."""
    libbench, calls = os.path.join(out, "libbench"), os.path.join(out, "calls-now", "libcalls.so")
    rows = {6: [], 7: []}
    for row, argv, what in ((6, [libbench, "load", plugin], "load"), (7, [libbench, "lookup", calls], "lookup")):
        r = run(argv + (["quick"] if quick else []), capture_output=True, text=True)
        if r.returncode:
            c = Cmd(row, what, "libminiload", argv)
            c.inproc, c.failed = True, f"exit {r.returncode}"
            print(f"  FAILED ({c.failed}): {' '.join(argv)}: {r.stderr.strip()}")
            rows[row].append(c)
            continue
        for case, apis in json.loads(r.stdout).items():
            for k, (api, times) in enumerate(apis.items()):
                c = Cmd(row, case, api, argv, ref=k == 1)
                c.inproc = True
                t = sorted(times)
                c.median = quantile(t, 0.5)
                c.spread = (quantile(t, 0.75) - quantile(t, 0.25)) / 2
                c.unit = f"{c.median * 1e6:.1f} µs per load" if row == 6 else f"{c.median * 1e9:.1f} ns per lookup"
                rows[row].append(c)
    return rows


def fmt_time(s):
    if s is None:
        return "-"
    ms = s * 1e3
    if ms < 0.001:
        return f"{s * 1e9:.1f} ns"
    if ms < 0.1:
        return f"{s * 1e6:.2f} µs"
    return f"{ms:.3f} ms" if ms < 10 else f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def table(rows):
    header = ["row", "program", "run by", "median", "±", "time", "cpu", "faults", "instructions", "Ir", "per unit",
              "peak RSS", "maps", "loader's", "anon"]
    lines = []
    for r in sorted(rows):
        cmds = rows[r]
        for c in cmds:
            ref = next((x for x in cmds if x.case == c.case and x.ref), None)
            if c.failed:
                lines.append([str(r), c.case, c.by, f"failed ({c.failed})"] + [""] * (len(header) - 4))
                continue
            tr = "ref" if c is ref else ratio(c.median, ref.median if ref else None)
            if c is ref:
                ir = "ref"
            elif ref and ref.ir is not None and c.ir is not None and ref.ir < 1000:
                ir = f"+{c.ir - ref.ir:,}"   # next to a program of a few instructions
            else:
                ir = ratio(c.ir, ref.ir if ref else None)
            spread = f"{100 * c.spread / c.median:.0f}%" if c.median else "-"
            maps = [str(c.maps[0]), f"{c.maps[1][0]}: {c.maps[1][1]}K", f"{c.maps[2][0]}: {c.maps[2][1]}K"] \
                if c.maps else ["", "", ""]
            cpu = ratio(c.cpu, ref.cpu if ref else None) if c is not ref else "ref"
            lines.append([str(r), c.case, c.by, fmt_time(c.median), spread, tr, cpu,
                          str(c.faults) if c.faults is not None else "-",
                          f"{c.ir:,}" if c.ir is not None else "-", ir, c.unit,
                          f"{c.hwm} KiB" if c.hwm is not None else ""] + maps)
    return header, lines


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "-"


def text_table(header, rows):
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    right = {3, 4, 5, 6, 7, 8, 10, 11, 12, 13}
    line = lambda r: "  ".join(c.rjust(w) if i in right else c.ljust(w)
                               for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    out, last = [], None
    for r in rows:
        if last is not None and r[0] != last:
            out.append("")
        out.append(line(r))
        last = r[0]
    return "\n".join([line(header), "-" * len(line(header))] + out)


def markdown_table(header, rows):
    right = {3, 4, 5, 6, 7, 8, 10, 11, 12, 13}
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("--:" if i in right else ":--" for i in range(len(header))) + "|"]
    return "\n".join(out + ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows])


def legend(counts, calls_n):
    d, p = counts["data"], counts["plt"]
    return [
        "median: of the timed runs of every round (hyperfine, no shell); ±: half the interquartile range.",
        "time, cpu, Ir: ratio to the reference (ref) timed in the same hyperfine runs, of the median,"
        " of the mean user+system time, and of callgrind's"
        " count of instructions of the whole process (row 1: instructions added to the program's own).",
        "floor (row 1): tests/bench/floor.c, a program that opens the static program, reads its headers,"
        " maps its segments, closes it and jumps, checking nothing: what any loader that is an executable"
        " of its own costs on this machine before it does anything of its own.",
        "faults: page faults of the process from its exec on (a software perf event, median of five"
        " runs); on a virtual machine one can cost more than ten microseconds, so they explain much"
        " of the time that instructions do not.",
        f"per unit, row 4: (median - median of the hollow set) / relocations; {d:,} symbolic data"
        f" relocations, plus {p:,} PLT ones when eager (musl always binds eagerly).",
        f"per unit, row 5: (median - median of 'no calls') / {calls_n:,} functions, same binding mode.",
        "rows 6 and 7: timed inside one process (libbench), in rounds alternating which API goes first;"
        " median and ± over the rounds of the time per operation; the reference is glibc's dlopen + dlclose"
        " (row 6) or dlsym (row 7) on the same file.",
        "peak RSS: VmHWM as the program reads it at its end; maps: lines of its /proc/self/maps;"
        " loader's: lines and size of the loader's own file image left mapped; anon: anonymous"
        " mappings and [heap] (arena, TLS block, malloc, .bss; the nolibc programs have none"
        " of their own, busybox has).",
    ]


def machine():
    """One line on where the numbers come from, and how busy the machine was."""
    def first(argv, stream="stdout"):
        try:
            r = run(argv, capture_output=True, text=True)
            return (getattr(r, stream) or r.stdout or r.stderr).strip().splitlines()
        except (OSError, subprocess.SubprocessError):
            return []
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo", encoding="utf-8")
                if l.startswith("model name")), "unknown CPU")
    glibc = (first([GLIBC, "--version"]) or ["glibc ?"])[0]
    musl = " ".join(first([MUSL], "stderr")[:2]) or "musl ?"
    load = open("/proc/loadavg", encoding="utf-8").read().split()[:3]
    return (f"{cpu}, {os.cpu_count()} CPUs, Linux {os.uname().release}; {glibc}; {musl};"
            f" {(first(['hyperfine', '--version']) or ['hyperfine ?'])[0]};"
            f" {(first(['valgrind', '--version']) or ['valgrind ?'])[0]};"
            f" load average at start {' '.join(load)}")


def svg(rows):
    """Time and instruction ratios to each case's reference, on a log scale
    centred on 1: bars to the left are faster than the reference, to the
    right slower."""
    items = []
    for r in sorted(rows):
        for c in rows[r]:
            ref = next((x for x in rows[r] if x.case == c.case and x.ref), None)
            if c.failed or not ref or c.median is None or ref.median is None:
                continue
            t = c.median / ref.median
            i = c.ir / ref.ir if c.ir and ref.ir and ref.ir >= 1000 else None
            items.append((r, f"{r} · {c.case} · {c.by}", t, i, c is ref))
    ratios = [v for _, _, t, i, _ in items for v in (t, i) if v]
    lo = min([0.25] + ratios) / 1.2
    hi = max([4.0] + ratios) * 1.2
    label_w, bar_w, row_h = 300, 460, 30
    x = lambda v: label_w + bar_w * (math.log(v) - math.log(lo)) / (math.log(hi) - math.log(lo))
    one, y = x(1.0), 70
    out = ['<text x="10" y="22" font-size="16" font-weight="bold">'
           'miniload next to the kernel, glibc ld.so and musl</text>',
           '<text x="10" y="40" font-size="12">ratio to each case\'s reference (bold), log scale;'
           ' left of the dashed line is faster or fewer instructions</text>',
           f'<rect x="10" y="48" width="12" height="12" fill="#4e79a7"/><text x="26" y="59">'
           f'median time</text><rect x="130" y="48" width="12" height="12" fill="#f28e2b"/>'
           f'<text x="146" y="59">instructions (callgrind)</text>']
    last = None
    for r, label, t, i, is_ref in items:
        if last is not None and r != last:
            out.append(f'<line x1="10" y1="{y + 3}" x2="{label_w + bar_w}" y2="{y + 3}" stroke="#ddd"/>')
            y += 8
        last = r
        weight = ' font-weight="bold"' if is_ref else ""
        out.append(f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end"{weight}>{escape(label)}</text>')
        for k, (v, colour, what) in enumerate(((t, "#4e79a7", "time"), (i, "#f28e2b", "instructions"))):
            if v is None:
                continue
            top, end = y + 4 + 12 * k, x(v)
            left, width = min(one, end), max(abs(end - one), 1.0)
            out.append(f'<rect x="{left:.1f}" y="{top}" width="{width:.1f}" height="11" fill="{colour}">'
                       f'<title>{what} {v:.2f}x</title></rect>')
            tx, anchor = (end + 4, "start") if v >= 1 else (end - 4, "end")
            out.append(f'<text x="{tx:.1f}" y="{top + 10}" font-size="11" text-anchor="{anchor}">{v:.2f}x</text>')
        y += row_h
    for tick in (0.125, 0.25, 0.5, 1, 2, 4, 8, 16):
        if lo <= tick <= hi:
            out.append(f'<text x="{x(tick):.1f}" y="{y + 16}" text-anchor="middle" font-size="11">{tick:g}x</text>'
                       f'<line x1="{x(tick):.1f}" y1="{y}" x2="{x(tick):.1f}" y2="{y + 5}" stroke="#555"/>')
    out.append(f'<line x1="{one:.1f}" y1="66" x2="{one:.1f}" y2="{y}" stroke="#555" stroke-dasharray="4 3"/>')
    width, height = label_w + bar_w + 60, y + 28
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(out) + "\n</svg>\n")


def verify_only(rows):
    """make bench-verify: every command once, its checks included (row 4's
    programs test every pointer and call they were given), so a broken
    program, loader or harness shows up without timing anything."""
    cmds = [c for r in sorted(rows) for c in rows[r]]
    good = verify(cmds)
    print(f"bench: {len(good)} of {len(cmds)} commands ran and checked their answers")
    if len(good) != len(cmds):
        raise SystemExit(1)


def main():
    parser = argparse.ArgumentParser(description="Run the miniload benchmarks.")
    parser.add_argument("--miniload", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--plugin", help="the fixture library of row 6 (rows 6 and 7 are left out without it)")
    parser.add_argument("--quick", action="store_true", help="two short rounds per row, for trying things")
    parser.add_argument("--no-callgrind", action="store_true")
    parser.add_argument("--verify-only", action="store_true",
                        help="run every command of rows 1 to 5 once, checking its answers, and time nothing")
    args = parser.parse_args()
    ml, out = args.miniload, args.out
    if args.verify_only:
        verify_only(plan(ml, out, os.path.exists(BUSYBOX) and is_static(BUSYBOX)))
        return
    for tool in ["hyperfine", "readelf"] + ([] if args.no_callgrind else ["valgrind", "callgrind_annotate"]):
        if not shutil.which(tool):
            raise SystemExit(f"bench: {tool} is missing (tests/bench/deps.sh installs it)")
    busybox = os.path.exists(BUSYBOX) and is_static(BUSYBOX)
    rows = plan(ml, out, busybox)
    where = machine()
    print(where)
    all_cmds = [c for r in sorted(rows) for c in rows[r]]
    loader_of = {"kernel": None, "floor": os.path.join(out, "floor"), "miniload": ml, "miniload --keep-exe": ml, "glibc ld.so": GLIBC, "musl": MUSL}
    if not busybox:
        print(f"bench: {BUSYBOX} is not a static busybox; row 1 runs the nolibc programs only")

    titles = {1: "static programs", 2: "a glibc program with PT_INTERP", 3: "one library, self-linked",
              4: "relocation-heavy set", 5: "lazy binding", 6: "libminiload load and unload",
              7: "libminiload lookup"}
    start = time.monotonic()
    for r in sorted(rows):
        cmds = verify(rows[r])
        print(f"[{time.monotonic() - start:5.0f} s] row {r}: {titles[r]}: timing {len(cmds)} commands",
              end="", flush=True)
        if cmds:
            print(f", {hyperfine(r, cmds, out, args.quick)} runs each", flush=True)

    if args.plugin:
        print(f"[{time.monotonic() - start:5.0f} s] rows 6 and 7: libminiload beside dlopen and dlsym, in process",
              flush=True)
        rows.update(in_process(out, args.plugin, args.quick))
        all_cmds = [c for r in sorted(rows) for c in rows[r]]

    if not args.no_callgrind:
        print(f"[{time.monotonic() - start:5.0f} s] counting instructions with callgrind", flush=True)
        os.makedirs(os.path.join(out, "callgrind"), exist_ok=True)
        todo = [c for c in all_cmds if not c.failed and not c.inproc]
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            for c, (slug, ir) in zip(todo, pool.map(lambda c: callgrind(c, ml, out), todo)):
                c.ir = ir
                if c.by == "miniload" and c.row in (3, 4) and c.case != "hollow":
                    profile(slug, out)

    for c in all_cmds:
        if not c.failed and not c.inproc:
            c.faults = page_faults(c)
        if c.maps_argv and not c.failed:
            memory(c, loader_of[c.by])

    with open(os.path.join(out, "gen", "calls", "calls.c"), encoding="utf-8") as f:
        calls_n = len(re.findall(r"^int cf_\d+\(int\);$", f.read(), re.M))
    counts = per_unit(rows, out, calls_n)
    header, lines = table(rows)
    notes = legend(counts, calls_n)
    notes.append("load average at end " + " ".join(open("/proc/loadavg", encoding="utf-8").read().split()[:3])
                 + " (the timings are only as quiet as the machine; the instruction counts do not care)")
    print()
    print(text_table(header, lines))
    print()
    print("\n".join(notes))

    with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as f:
        f.write("# miniload benchmarks (x86_64)\n\n" + where + "\n\n" + markdown_table(header, lines) + "\n\n"
                + "\n".join(f"- {n}" for n in notes) + "\n")
    with open(os.path.join(out, "results.svg"), "w", encoding="utf-8") as f:
        f.write(svg(rows))
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"relocations": {k: counts[k] for k in ("data", "plt")}, "calls": calls_n,
                   "commands": [{"row": c.row, "case": c.case, "by": c.by, "argv": c.argv,
                                 "median_s": c.median, "half_iqr_s": c.spread, "ir": c.ir,
                                 "page_faults": c.faults, "peak_rss_kib": c.hwm, "maps": c.maps, "failed": c.failed}
                                for c in all_cmds]}, f, indent=1)
    print(f"\nwritten: {out}/results.md, {out}/results.svg")
    if any(c.failed for c in all_cmds):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
