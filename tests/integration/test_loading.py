"""test_loading.py: guests loaded from the disk: KERNEL= with raw and ELF files (and an initrd),
the guest's generated device tree and the load throughput line. Bad input (a missing kernel, a
corrupt disk, a bad description) is in test_bad_input.py."""
import os
import subprocess
import sys

import pytest

from images import BUILD, DISK, ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
from qemu import kernel_disk  # noqa: E402

DTBINFO = os.path.join(BUILD, "guests", "dtbinfo")


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


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
