#!/usr/bin/env python3
"""qemu.py: builds the QEMU command line that boots Hartvisor, for `make run` and the tests alike."""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def qemu_command(cpu="rv64", smp=1, mem="256M", trace="", vm="", extra=(), hv_bin=None):
    """The argv that boots the hypervisor image under OpenSBI on QEMU virt."""
    hv_bin = hv_bin or os.path.join(ROOT, "build", "hv.bin")
    cmd = ["qemu-system-riscv64", "-M", "virt", "-cpu", cpu, "-smp", str(smp), "-m", str(mem),
           "-nographic", "-bios", "default", "-kernel", hv_bin]
    bootargs = []
    if trace:
        bootargs.append("trace=" + trace)
    if vm:
        bootargs.append("vm=" + vm)
    if bootargs:
        cmd += ["-append", " ".join(bootargs)]
    return cmd + list(extra)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cpu", default="rv64")
    ap.add_argument("--smp", default="1")
    ap.add_argument("--mem", default="256M")
    ap.add_argument("--trace", default="")
    ap.add_argument("--vm", default="")
    ap.add_argument("--print", action="store_true", help="print the command instead of running it")
    ap.add_argument("extra", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    extra = [a for a in args.extra if a != "--"]
    cmd = qemu_command(args.cpu or "rv64", args.smp or 1, args.mem or "256M", args.trace, args.vm, extra)
    print(" ".join(cmd), flush=True)
    if not args.print:
        os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    sys.exit(main())
