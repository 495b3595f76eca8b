#!/usr/bin/env python3
"""qemu.py: builds the QEMU command line that boots Hartvisor, for `make run` and the tests alike.

The hypervisor's disk (build/disk.img) is attached as a virtio-blk device and the classic flash
image (build/pflash.img) as QEMU virt's second flash bank. With --kernel, the file is copied
onto a private copy of the disk with a generated VM description (/vm/kernel.dtb), the way
QEMU's own -kernel boots any raw, ELF or Image file.

--smp is the machine's harts (QEMU's -smp); --vcpus is the vCPUs of the --kernel guest's VM.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
DEFAULT_DISK = os.path.join(BUILD, "disk.img")
DEFAULT_PFLASH = os.path.join(BUILD, "pflash.img")
DEFAULT_MEM = "256M"
FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"   # Debian's opensbi package
HV_LOAD_ADDR = "0x80200000"
PFLASH_SIZE = 32 << 20        # QEMU virt's flash banks: a drive must be exactly this size
KERNEL_GUEST_MEM = "128M"     # guest RAM for --kernel when --mem is not given
HV_RESERVE_MIB = 128          # machine RAM beyond the guest's: OpenSBI, the hypervisor, the flash copy

KERNEL_VM_DTS = """/dts-v1/;
/ {
	compatible = "hartvisor,vm-description";
	#address-cells = <2>;
	#size-cells = <2>;
	vm {
		compatible = "hartvisor,vm";
		#address-cells = <2>;
		#size-cells = <2>;
		vm-name = "kernel";
		memory = <0x0 0x80000000 0x%(hi)x 0x%(lo)x>;
		kernel = "/boot/kernel";
		vcpus = <%(vcpus)d>;
%(extra)s		serial@10000000 {
			compatible = "ns16550a";
			reg = <0x0 0x10000000 0x0 0x100>;
		};
	};
};
"""


def mib(size):
    """'128M', '1G' or a number of MiB -> MiB."""
    m = re.fullmatch(r"(\d+)([MmGg]?)", str(size).strip())
    if not m:
        raise SystemExit("qemu.py: bad memory size %r (use e.g. 128M or 1G)" % size)
    return int(m.group(1)) * (1024 if m.group(2) in "Gg" and m.group(2) else 1)


def vcpu_count(text):
    """VCPUS= as a number of vCPUs (empty: 1)."""
    text = str(text).strip()
    if not text:
        return 1
    if not text.isdigit() or int(text) < 1:
        raise SystemExit("qemu.py: bad vCPU count %r (use e.g. VCPUS=2)" % text)
    return int(text)


def check_images(disk, pflash):
    """Stops with one line naming the file when an image cannot work, before QEMU says it its own way."""
    for what, path in (("disk image", disk), ("pflash image", pflash)):
        if path and not os.path.isfile(path):
            raise SystemExit("qemu.py: %s %s does not exist" % (what, path))
    if pflash and os.path.getsize(pflash) != PFLASH_SIZE:
        raise SystemExit("qemu.py: pflash image %s is %d bytes; QEMU virt's flash bank needs exactly %d "
                         "(32 MiB); make one with tools/mkpflash" % (pflash, os.path.getsize(pflash), PFLASH_SIZE))


def dts_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mtools(*args):
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    subprocess.run(args, check=True, env=env, capture_output=True)


def kernel_disk(kernel, initrd="", append="", guest_mem=KERNEL_GUEST_MEM, vcpus=1, base_disk=DEFAULT_DISK,
                out_dir=os.path.join(BUILD, "run")):
    """A copy of base_disk holding /boot/kernel (and /boot/initrd) and /vm/kernel.dtb, a VM of vcpus
    vCPUs; returns its path."""
    for what, path in (("kernel", kernel), ("initrd", initrd)):
        if path and not os.path.isfile(path):
            raise SystemExit("qemu.py: %s file %s does not exist" % (what, path))
    os.makedirs(out_dir, exist_ok=True)
    disk = os.path.join(out_dir, "kernel-disk.img")
    shutil.copyfile(base_disk, disk)
    size = mib(guest_mem) << 20
    extra = ""
    if initrd:
        extra += '\t\tinitrd = "/boot/initrd";\n'
    if append:
        extra += "\t\tbootargs = %s;\n" % dts_string(append)
    dts = KERNEL_VM_DTS % {"hi": size >> 32, "lo": size & 0xffffffff, "vcpus": int(vcpus), "extra": extra}
    dtb = os.path.join(out_dir, "kernel.dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, "-"], input=dts.encode(), check=True)
    mtools("mmd", "-D", "s", "-i", disk, "::/boot")
    mtools("mcopy", "-o", "-i", disk, kernel, "::/boot/kernel")
    if initrd:
        mtools("mcopy", "-o", "-i", disk, initrd, "::/boot/initrd")
    mtools("mcopy", "-o", "-i", disk, dtb, "::/vm/kernel.dtb")
    return disk


def drive_args(disk, pflash, snapshot):
    """-drive options for the disk (virtio-blk) and the flash (pflash unit 1); None leaves one out."""
    snap = ",snapshot=on" if snapshot else ""
    args = []
    if disk:
        args += ["-drive", "file=%s,if=none,format=raw,id=hvdisk%s" % (disk, snap),
                 "-device", "virtio-blk-device,drive=hvdisk"]
    if pflash:
        args += ["-drive", "file=%s,if=pflash,unit=1,format=raw%s" % (pflash, snap)]
    return args


def qemu_command(cpu="rv64", smp=1, mem=DEFAULT_MEM, trace="", vm="", extra=(), hv_bin=None,
                 disk=DEFAULT_DISK, pflash=DEFAULT_PFLASH, snapshot=False, guest_args=(), icount=None):
    """The argv that boots the hypervisor image under OpenSBI on QEMU virt.

    disk and pflash: image paths, or None for none (the defaults are used only if they exist).
    guest_args: "KEY=VALUE" words the hypervisor appends to every VM's bootargs (as guest.KEY=VALUE).
    icount: None, or N for -icount shift=N (deterministic time: at 0, one instruction per ns)."""
    hv_bin = hv_bin or os.path.join(BUILD, "hv.bin")
    if disk == DEFAULT_DISK and not os.path.exists(disk):
        disk = None
    if pflash == DEFAULT_PFLASH and not os.path.exists(pflash):
        pflash = None
    cmd = ["qemu-system-riscv64", "-M", "virt", "-cpu", cpu, "-smp", str(smp), "-m", str(mem), "-nographic"]
    if icount is not None and str(icount) != "":
        cmd += ["-icount", "shift=%s" % icount]
    if pflash:
        # With a drive in the second flash bank, QEMU 7.2 makes OpenSBI jump into that bank (as
        # S-mode firmware) and keeps -kernel and -append in fw_cfg. So OpenSBI's fw_jump (which
        # always jumps to 0x80200000) starts the hypervisor that the loader device put there, and
        # the hypervisor reads -append from fw_cfg.
        cmd += ["-bios", FW_JUMP, "-device", "loader,file=%s,addr=%s" % (hv_bin, HV_LOAD_ADDR)]
    else:
        cmd += ["-bios", "default"]
    cmd += ["-kernel", hv_bin]
    bootargs = []
    if trace:
        bootargs.append("trace=" + trace)
    if vm:
        bootargs.append("vm=" + vm)
    for arg in guest_args:
        if not re.fullmatch(r"[^\s=]+=\S*", arg):
            raise SystemExit("qemu.py: guest argument %r is not KEY=VALUE without spaces" % arg)
        bootargs.append("guest." + arg)
    if bootargs:
        cmd += ["-append", " ".join(bootargs)]
    return cmd + drive_args(disk, pflash, snapshot) + list(extra)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cpu", default="rv64")
    ap.add_argument("--smp", default="1", help="the machine's harts (QEMU's -smp)")
    ap.add_argument("--vcpus", default="1", help="the vCPUs of the --kernel guest's VM")
    ap.add_argument("--mem", default="", help="machine RAM; with --kernel, the guest's RAM")
    ap.add_argument("--trace", default="")
    ap.add_argument("--vm", default="")
    ap.add_argument("--kernel", default="", help="boot this raw, ELF or Image file as the guest")
    ap.add_argument("--initrd", default="")
    ap.add_argument("--append", default="", help="the guest's bootargs (with --kernel)")
    ap.add_argument("--guest-arg", action="append", default=[], metavar="KEY=VALUE",
                    help="append KEY=VALUE to every VM's bootargs (repeatable)")
    ap.add_argument("--icount", default="", metavar="SHIFT",
                    help="run with -icount shift=SHIFT (0: deterministic, one instruction per ns)")
    ap.add_argument("--disk", default=DEFAULT_DISK)
    ap.add_argument("--pflash", default=DEFAULT_PFLASH)
    ap.add_argument("--print", action="store_true", help="print the command instead of running it")
    ap.add_argument("extra", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    extra = [a for a in args.extra if a != "--"]
    mem, vm, disk = args.mem or DEFAULT_MEM, args.vm, args.disk
    # the defaults may be missing (then QEMU runs without them); a file the user named may not
    check_images(disk if disk != DEFAULT_DISK or args.kernel else None,
                 args.pflash if args.pflash != DEFAULT_PFLASH or os.path.exists(DEFAULT_PFLASH) else None)
    if args.kernel:
        guest_mem = args.mem or KERNEL_GUEST_MEM
        disk = kernel_disk(args.kernel, args.initrd, args.append, guest_mem, vcpu_count(args.vcpus), args.disk)
        mem, vm = "%dM" % (mib(guest_mem) + HV_RESERVE_MIB), "kernel"
    elif args.initrd or args.append:
        raise SystemExit("qemu.py: INITRD= and APPEND= go with KERNEL=")
    elif args.vcpus not in ("", "1"):
        raise SystemExit("qemu.py: VCPUS= goes with KERNEL= (a description in configs/ sets its own vcpus)")
    cmd = qemu_command(args.cpu or "rv64", args.smp or 1, mem, args.trace, vm, extra,
                       disk=disk or None, pflash=args.pflash or None,
                       guest_args=[a for a in args.guest_arg if a], icount=args.icount or None)
    print(" ".join(cmd), flush=True)
    if not args.print:
        os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    sys.exit(main())
