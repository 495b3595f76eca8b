#!/usr/bin/env python3
"""profile.py: where one VM exit's instructions go, per hypervisor function (and firmware).

    python3 tests/bench/profile.py [BENCH] [--seconds S]

Boots the bench VM (configs/bench.dts) running bench=BENCH (default mmio-lsr) under -icount
shift=0 and -singlestep, so that QEMU's exec log has one line per executed instruction. Once the
guest is in its loop, logging is turned on through the QEMU monitor for S seconds (default 1), then
QEMU is stopped. The log covers the firmware and the hypervisor (-dfilter from the start of RAM to
the end of hv.elf's text; the guest's own blocks there are told apart by their TB flags). Each pc is
attributed to its function in build/hv.elf; counts are divided by the number of exits (the times
guest_exit ran). The result is the per-exit cost of each function, their total, and the guest's own
instructions per exit (its loop); total plus guest should match make bench's exit-<BENCH> figure.
OpenSBI's instructions (M-mode, below the hypervisor) are counted as one line, "(OpenSBI, M-mode)":
an exception OpenSBI does not delegate (an illegal instruction) reaches the hypervisor through it.

Every QEMU run has a hard timeout; the console goes to build/bench/profile-console.log (BENCH_OUT=DIR:
there instead).
"""
import argparse
import bisect
import collections
import os
import re
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(ROOT, "build")
OUT = os.environ.get("BENCH_OUT") or os.path.join(BUILD, "bench")
HV_ELF = os.path.join(BUILD, "hv.elf")
sys.path.insert(0, os.path.join(ROOT, "tools"))
from qemu import qemu_command  # noqa: E402

TIMEOUT = 120          # seconds, hard, for the whole QEMU run
EXEC_LINE = re.compile(r"\[[0-9a-f]+/([0-9a-f]+)/([0-9a-f]+)/")
# The guest's code also sits at 0x802xxxxx (guest-virtual), inside the -dfilter range. QEMU 7.2's
# RISC-V TB flags have bit 15 (HLSX: hlv/hsv allowed) set only with V=0 in HS-mode, i.e. in the
# hypervisor; the guest's blocks (V=1) have it clear.
TB_FLAG_HLSX = 1 << 15
FIRMWARE_BASE = 0x80000000       # OpenSBI (fw_jump) sits from the start of RAM up to the hypervisor


def text_symbols():
    """Sorted (address, name) of hv.elf's functions and code labels."""
    out = subprocess.run(["riscv64-unknown-elf-nm", "-n", HV_ELF], capture_output=True, text=True,
                         check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTW":
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def wait_for(path, text, proc, deadline):
    while time.monotonic() < deadline and proc.poll() is None:
        with open(path, errors="replace") as f:
            if text in f.read():
                return True
        time.sleep(0.05)
    return False


def monitor(sock_path, command):
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(sock_path)
        s.sendall(command.encode() + b"\n")
        time.sleep(0.2)


def record_exec_log(bench, seconds, syms):
    """Runs QEMU and returns the path of the exec log of the hypervisor's code during the loop."""
    os.makedirs(OUT, exist_ok=True)
    console = os.path.join(OUT, "profile-console.log")
    log = os.path.join(OUT, "profile-exec.log")
    sock = os.path.join(OUT, "profile-monitor.sock")
    for path in (log, sock):
        if os.path.exists(path):
            os.unlink(path)
    lo, hi = FIRMWARE_BASE, syms[-1][0] + 0x1000
    cmd = qemu_command(vm="bench", mem="512M", snapshot=True, icount=0,
                       guest_args=["bench=" + bench, "iters=100000000"])
    cmd += ["-singlestep", "-dfilter", "0x%x..0x%x" % (lo, hi), "-D", log,
            "-monitor", "unix:%s,server=on,wait=off" % sock]
    deadline = time.monotonic() + TIMEOUT
    with open(console, "w") as con:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=con, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        if not wait_for(console, "bench: hello", proc, deadline):
            with open(console, errors="replace") as f:
                tail = f.read().splitlines()[-15:]
            sys.exit("profile: the bench guest did not start; last console lines:\n" + "\n".join(tail))
        time.sleep(0.3)                       # into the measured loop
        monitor(sock, "log exec,nochain")
        time.sleep(seconds)
        monitor(sock, "log none")
        monitor(sock, "quit")
        proc.wait(timeout=max(1, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return log


def profile(log, syms):
    """(exits, Counter of instructions per function) from an exec log."""
    addrs = [a for a, _ in syms]
    per_pc = collections.Counter()
    guest = 0
    with open(log, errors="replace") as f:
        for line in f:
            m = EXEC_LINE.search(line)
            if not m:
                continue
            if int(m.group(2), 16) & TB_FLAG_HLSX:
                per_pc[int(m.group(1), 16)] += 1
            else:
                guest += 1
    per_fn = collections.Counter()
    for pc, n in per_pc.items():
        i = bisect.bisect_right(addrs, pc) - 1
        per_fn[syms[i][1] if i >= 0 else "(OpenSBI, M-mode)"] += n
    exits = sum(per_pc[a] for a, name in syms if name == "guest_exit")
    return exits, per_fn, guest


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", nargs="?", default="mmio-lsr")
    ap.add_argument("--seconds", type=float, default=1.0)
    args = ap.parse_args()
    syms = text_symbols()
    log = record_exec_log(args.bench, args.seconds, syms)
    exits, per_fn, guest = profile(log, syms)
    os.unlink(log)                            # hundreds of MB per second of logging
    if not exits:
        sys.exit("profile: no exits were logged (is this QEMU's TB flag bit 15 still HLSX?)")
    total = sum(per_fn.values())
    print("PROFILE %s exits %d" % (args.bench, exits))
    for name, n in per_fn.most_common():
        if n / exits >= 0.05:
            print("PROFILE %-28s %7.1f insn/exit" % (name, n / exits))
    print("PROFILE total %.1f insn/exit" % (total / exits))
    print("PROFILE guest %.1f insn/exit" % (guest / exits))


if __name__ == "__main__":
    main()
