"""test_loading.py: guests loaded from the disk: KERNEL= with raw and ELF files (and an initrd),
the guest's generated device tree, the load throughput line, and bad input (a missing kernel, a
corrupt disk, a bad description) ending in one clear error and a clean power-off."""
import os
import re
import subprocess
import sys

import pytest

from images import BUILD, DISK, ROOT, copy_of, disk_with_description, vm_dts

sys.path.insert(0, os.path.join(ROOT, "tools"))
from qemu import kernel_disk  # noqa: E402

DTBINFO = os.path.join(BUILD, "guests", "dtbinfo")


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


def error_lines(output):
    return [l for l in output.splitlines() if re.search(r"\] error: ", l)]


@pytest.mark.parametrize("ext,fmt", [(".bin", "raw"), (".elf", "elf")])
def test_kernel_boots_with_default_description(boot, tmp_path, ext, fmt):
    initrd = os.path.join(BUILD, "guests", "selftest.bin")
    disk = kernel_disk(DTBINFO + ext, initrd, 'console=hvc0 "quoted"', "64M", 1, DISK, str(tmp_path))
    b = boot(vm="kernel", disk=disk, mem="192M")
    b.expect(r"\[vm0\] info: kernel: %s /boot/kernel: 0x80200000\.\." % fmt)
    b.expect_exact("dtbinfo: memory 0x80000000 size 0x4000000")
    m = b.expect(r"dtbinfo: cpus 1, timebase 10000000, isa (rv64[a-z0-9_]+)\r")
    isa = m.group(1).decode()
    assert isa.startswith("rv64imafdc") and "h" not in isa.split("_")[0]   # the guest does not see H
    b.expect_exact('dtbinfo: bootargs "console=hvc0 "quoted""')
    with open(initrd, "rb") as f:
        data = f.read()
    b.expect(r"dtbinfo: initrd 0x[0-9a-f]+-0x[0-9a-f]+, %d bytes, fnv1a 0x%08x" % (len(data), fnv1a(data)))
    b.expect_exact("dtbinfo: no flash")
    b.expect_exact("dtbinfo: uart at 0x10000000")
    b.expect_exact("dtbinfo: hello through the uart")    # through the emulated 16550
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0


def test_make_run_kernel(tmp_path):
    """make run KERNEL=... (the Makefile path) boots the file; the run is bounded by timeout."""
    r = subprocess.run(["timeout", "60", "make", "-s", "run", "KERNEL=" + DTBINFO + ".elf", "APPEND=from make"],
                       cwd=ROOT, capture_output=True)
    out = r.stdout.decode(errors="replace")
    assert r.returncode == 0, out[-2000:]
    assert 'dtbinfo: bootargs "from make"' in out
    assert "[vm0] Shutdown vm normally!" in out


def test_load_throughput_is_reported(boot):
    b = boot(vm="loadbench")
    m = b.expect(rb"raw /sbin/big.bin: 0x80200000\.\.0x82200000, 32768 KiB in (\d+) us \((\d+)\.(\d+) MiB/s\)")
    assert int(m.group(1)) > 0
    b.expect_exact("[vm0] a0 = 0x6688, a1 = 0x1234")    # the padded kernel still runs
    assert b.wait_exit() == 0


def test_missing_kernel(boot, tmp_path):
    disk = disk_with_description(tmp_path, "nokernel", vm_dts("nokernel", "/sbin/not-there"))
    b = boot(vm="nokernel", disk=disk)
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    assert error_lines(b.output()) == [
        "[vm0] error: nokernel: kernel /sbin/not-there: not found on the disk"]


def test_corrupt_disk(boot, tmp_path):
    disk = copy_of(DISK, tmp_path, "disk.img")
    with open(disk, "r+b") as f:                 # a boot sector of garbage: no BPB, no signature
        f.write(bytes(range(256)) * 2)
    b = boot(disk=disk)
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    errors = error_lines(b.output())
    assert len(errors) == 1, errors
    assert re.match(r"\[hv\] error: disk: virtio-blk at 0x100[0-9a-f]+ holds no usable FAT16/FAT32 volume", errors[0])


def test_bad_description(boot, tmp_path):
    bad = vm_dts("bad", "/sbin/skernel").replace("memory = <0x0 0x80000000 0x0 0x1000000>;",
                                                   "memory = <0x80000000 0x1000000>;")
    disk = disk_with_description(tmp_path, "bad", bad)
    b = boot(vm="bad", disk=disk)
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    errors = error_lines(b.output())
    assert len(errors) == 1, errors
    assert errors[0].startswith("[hv] error: /vm/bad.dtb: /vm: property 'memory' ")


def test_missing_description(boot):
    b = boot(vm="nosuchvm")
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    assert error_lines(b.output()) == [
        "[hv] error: /vm/nosuchvm.dtb: no such VM description on the disk (make run VM=<name> with a file in configs/)"]
