#!/usr/bin/env python3
"""run.py: make bench. Runs the bench guests under QEMU (one at a time, each with a hard timeout and
its console in build/bench/<run>.log), prints one line "BENCH <name> <value> <unit>" per figure,
writes them all to build/bench/results.json and ends with a table of figures against targets.

Time: with -icount shift=0 QEMU's clock advances 1 ns per guest instruction, so one tick of the
10 MHz timebase is 100 instructions and guest-observed figures are instruction counts, the same on
every run. icount does not model TLB misses or QEMU's own work, so the overhead ratios are also
measured without icount ("-wall" figures: rdtime then follows the host clock; each side is run
WALL_REPEATS times and the fastest run counts). The targets apply to the icount figures; the -wall
ones are shown without a target, as they still move with host load.

Ratios: compute-ratio = native ticks / virtualized ticks (1.0 = no cost; target >= 0.98);
walk-ratio and mkernel-map-ratio = virtualized ticks / native ticks (1.0 = no cost; walk <= 1.25).
"Native" is the same binary booted by OpenSBI in S-mode (qemu -bios default -kernel <bin>).

BENCH_QUICK=1: few iterations (for the smoke test); the figures are then noisier but present.
BENCH_OUT=DIR: logs and results.json there instead of build/bench.
Exit status 1 when any figure could not be measured.
"""
import json
import math
import os
import re
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
OUT = os.environ.get("BENCH_OUT") or os.path.join(BUILD, "bench")   # logs and results.json
sys.path.insert(0, os.path.join(ROOT, "tools"))
from qemu import qemu_command  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
TIMEOUT = 120            # seconds, hard, per QEMU run
MEM = "512M"             # machine RAM: the 128 MiB bench VM, its 32 MiB flash copy, the hypervisor
INSN_PER_TICK = 100      # 10 MHz timebase at 1 instruction per ns
WALL_REPEATS = 3         # host-clock ratio runs per side; the fastest counts (host noise only adds time)

# iterations: full / quick
ITERS = {
    "exit": (10000, 300),
    "timer": (1000, 50),
    "compute": (20000000, 500000),
    "walk": (4, 1),
    "map": (20000, 500),
}

# name: (unit, target text, predicate)
TARGETS = {
    "exit-null-sbi": ("<= 150", lambda v: v <= 150),
    "exit-mmio-lsr": ("<= 400", lambda v: v <= 400),
    "compute-ratio": (">= 0.98", lambda v: v >= 0.98),
    "walk-ratio": ("<= 1.25", lambda v: v <= 1.25),
    "load-mibps": (">= 200", lambda v: v >= 200),
    "load-mibps-wall": (">= 200", lambda v: v >= 200),
    "hv-bin-size": ("<= 256", lambda v: v <= 256),
}

results = []
errors = []


def iters(kind):
    return ITERS[kind][1 if QUICK else 0]


def run(tag, cmd, stop_pattern=None):
    """Runs cmd with a hard timeout; returns (console text, wall seconds, {pattern: first seen s})."""
    os.makedirs(OUT, exist_ok=True)
    log_path = os.path.join(OUT, tag + ".log")
    t0 = time.monotonic()
    first = {}
    lines = []
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            cwd=ROOT)
    killer = threading.Timer(TIMEOUT, proc.kill)
    killer.start()
    try:
        for raw in proc.stdout:
            line = raw.decode(errors="replace").replace("\r", "")
            lines.append(line)
            if line.startswith("bench:") or line.startswith("mkernel:"):
                first.setdefault("guest", time.monotonic() - t0)
        proc.wait()
    finally:
        killer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    wall = time.monotonic() - t0
    text = "".join(lines)
    with open(log_path, "w") as f:
        f.write("$ " + " ".join(cmd) + "\n" + text)
    if wall >= TIMEOUT:
        text += "\n[bench: hard timeout after %d s]\n" % TIMEOUT
    return text, wall, first


def hv_cmd(vm, guest_args, icount=True, cpu="rv64"):
    return qemu_command(cpu=cpu, mem=MEM, vm=vm, guest_args=guest_args, snapshot=True,
                        icount=0 if icount else None)


def native_cmd(binary, append, icount=True):
    cmd = ["qemu-system-riscv64", "-M", "virt", "-cpu", "rv64", "-m", MEM, "-nographic", "-bios", "default",
           "-kernel", os.path.join(BUILD, "guests", binary), "-append", append]
    return cmd + (["-icount", "shift=0"] if icount else [])


def guest_ticks(tag, cmd, name):
    """Runs cmd and returns (ticks, n, wall) from "bench: <name> T ticks per N", or None."""
    text, wall, _ = run(tag, cmd)
    m = re.search(r"^bench: %s (\d+) ticks per (\d+)$" % re.escape(name), text, re.M)
    if not m:
        errors.append("%s: no 'bench: %s' line (see build/bench/%s.log)" % (tag, name, tag))
        return None
    return int(m.group(1)), int(m.group(2)), wall


def record(name, value, unit, wall):
    target, ok = None, None
    if name in TARGETS and value is not None:
        target, pred = TARGETS[name]
        ok = bool(pred(value))
    value = round(value, 4) if isinstance(value, float) else value
    results.append({"name": name, "value": value, "unit": unit, "target": target, "met": ok,
                    "wall_s": round(wall, 3)})
    print("BENCH %s %s %s" % (name, value, unit), flush=True)


def exit_costs():
    n = iters("exit")
    for name, figure, vm in (("null-sbi", "exit-null-sbi", "bench"), ("dbcn-byte", "exit-dbcn-byte", "bench"),
                             ("mmio-lsr", "exit-mmio-lsr", "bench"), ("pflash-read", "exit-pflash-read", "bench"),
                             ("csr-mhartid", "exit-csr-emulate", "bench")):
        r = guest_ticks(figure, hv_cmd(vm, ["bench=" + name, "iters=%d" % n]), name)
        if r:
            record(figure, r[0] * INSN_PER_TICK / r[1], "insn", r[2])
    # the no-Sstc path: the guest's set_timer becomes the hypervisor's timer, delivered via hvip
    n = iters("timer")
    r = guest_ticks("exit-timer-hvip", hv_cmd("bench", ["bench=timer", "iters=%d" % n], cpu="rv64,sstc=false"),
                    "timer")
    if r:
        record("exit-timer-hvip", r[0] * INSN_PER_TICK / r[1], "insn", r[2])
    # reference: the same null call served by OpenSBI in M-mode for a native S-mode kernel
    n = iters("exit")
    r = guest_ticks("native-null-sbi", native_cmd("bench.bin", "bench=null-sbi iters=%d" % n), "null-sbi")
    if r:
        record("native-null-sbi", r[0] * INSN_PER_TICK / r[1], "insn", r[2])


def fastest(runs):
    """The run with the fewest ticks among guest_ticks results, or None if any run failed."""
    runs = list(runs)
    return None if not runs or None in runs else min(runs, key=lambda r: r[0])


def overhead():
    payloads = (
        # figure, binary, hv config, bench name, iterations kind, native/virt (True) or virt/native
        ("compute-ratio", "bench.bin", "bench", "compute", "compute", True),
        ("walk-ratio", "bench.bin", "bench", "walk", "walk", False),
        ("mkernel-map-ratio", "mkernel.bin", "bench-mkernel", "mkernel-map", "map", False),
    )
    for icount in (True, False):
        for figure, binary, vm, name, kind, native_over_virt in payloads:
            n = iters(kind)
            arg = "map" if binary == "mkernel.bin" else name
            fig = figure if icount else figure + "-wall"
            # icount runs are exact; host-clock runs are the fastest of WALL_REPEATS (the least disturbed)
            repeats = 1 if icount else WALL_REPEATS
            v = fastest(guest_ticks(fig + "-virt", hv_cmd(vm, ["bench=" + arg, "iters=%d" % n], icount), name)
                        for _ in range(repeats))
            nat = fastest(guest_ticks(fig + "-native", native_cmd(binary, "bench=%s iters=%d" % (arg, n), icount),
                                      name) for _ in range(repeats))
            if not v or not nat:
                continue
            if icount and name == "mkernel-map":
                record("mkernel-map-insn", v[0] * INSN_PER_TICK / v[1], "insn/iter", v[2])
            if v[0] <= 0 or nat[0] <= 0:
                errors.append("%s: zero ticks (virt %d, native %d)" % (fig, v[0], nat[0]))
                continue
            ratio = nat[0] / v[0] if native_over_virt else v[0] / nat[0]
            record(fig, ratio, "ratio", v[2] + nat[2])


def load_and_boot():
    for icount in (True, False):
        fig = "load-mibps" if icount else "load-mibps-wall"
        text, wall, _ = run(fig, hv_cmd("loadbench", [], icount))
        m = re.search(r"raw /sbin/big.bin: 0x80200000\.\.0x82200000, 32768 KiB in (\d+) us \((\d+)\.(\d+) MiB/s\)",
                      text)
        if m and int(m.group(1)) > 0:
            record(fig, 32.0 / (int(m.group(1)) / 1e6), "MiB/s", wall)
        else:
            errors.append("%s: no load throughput line (see build/bench/%s.log)" % (fig, fig))
    for icount in (True, False):
        fig = "first-line-ms" if icount else "first-line-ms-noicount"
        text, wall, first = run(fig, hv_cmd("bench-boot", ["bench=hello"], icount))
        if "guest" in first and "bench: hello" in text:
            record(fig, first["guest"] * 1000.0, "ms", wall)
        else:
            errors.append("%s: the guest printed nothing (see build/bench/%s.log)" % (fig, fig))
        if icount:
            record_vm_memory("hv-ram-per-vm", "bench-boot", text, wall)


def record_vm_memory(figure, vm, text, wall):
    """The hypervisor's own line at VM creation: the memory it took for that VM beyond guest RAM."""
    m = re.search(r"%s: hypervisor memory for this VM: (\d+) KiB" % re.escape(vm), text)
    if m:
        record(figure, int(m.group(1)), "KiB", wall)
    else:
        errors.append("%s: no '%s: hypervisor memory for this VM' line" % (figure, vm))


def footprint():
    size = os.path.getsize(os.path.join(BUILD, "hv.bin"))
    record("hv-bin-size", size / 1024.0, "KiB", 0.0)
    nm = subprocess.run(["riscv64-unknown-elf-nm", os.path.join(BUILD, "hv.elf")], capture_output=True, text=True)
    syms = dict((parts[2], int(parts[0], 16)) for parts in (l.split() for l in nm.stdout.splitlines())
                if len(parts) == 3)
    if "__image_start" in syms and "__image_end" in syms:
        record("hv-ram-image", (syms["__image_end"] - syms["__image_start"]) / 1024.0, "KiB", 0.0)
    else:
        errors.append("hv-ram-image: no __image_start/__image_end in hv.elf")
    # a VM with a 32 MiB emulated flash: the flash copy is hypervisor memory too
    text, wall, _ = run("hv-ram-per-vm-flash", hv_cmd("bench", ["bench=hello"]))
    record_vm_memory("hv-ram-per-vm-flash", "bench", text, wall)


def table():
    """Every figure against its target, with the wall time of the QEMU run(s) that measured it."""
    print("\n%-24s %14s %-10s %-10s %-7s %s" % ("figure", "value", "unit", "target", "met", "wall s"))
    for r in results:
        met = "-" if r["met"] is None else ("met" if r["met"] else "MISSED")
        print("%-24s %14s %-10s %-10s %-7s %.2f" % (r["name"], r["value"], r["unit"], r["target"] or "-", met,
                                                    r["wall_s"]))


def main():
    for path in ("hv.bin", "hv.elf", "disk.img", "guests/bench.bin", "guests/mkernel.bin"):
        if not os.path.exists(os.path.join(BUILD, path)):
            sys.exit("bench: build/%s is missing; run make all first" % path)
    t0 = time.monotonic()
    footprint()
    exit_costs()
    overhead()
    load_and_boot()
    os.makedirs(OUT, exist_ok=True)
    doc = {"quick": QUICK, "icount_shift": 0, "insn_per_tick": INSN_PER_TICK, "results": results,
           "errors": errors, "wall_s": round(time.monotonic() - t0, 1)}
    assert all(isinstance(r["value"], (int, float)) and math.isfinite(r["value"]) for r in results)
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(doc, f, indent=1)
    table()
    for e in errors:
        print("BENCH-ERROR " + e)
    print("\n%d figures in %.0f s; build/bench/results.json%s" % (len(results), time.monotonic() - t0,
                                                                  " (QUICK)" if QUICK else ""))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
