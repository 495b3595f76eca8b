"""test_boot.py: the hypervisor boots on OpenSBI, reports the machine, and powers off by itself."""
import re

import pytest

BANNER_RAM = r"ram\s+: 0x80000000-0x([0-9a-f]+) \((\d+ [KMG]iB)\)"


@pytest.mark.parametrize("mem,expect", [("128M", "128 MiB"), ("1G", "1 GiB")])
def test_banner_reports_ram(boot, mem, expect):
    b = boot(mem=mem)
    m = b.expect(BANNER_RAM)
    assert m.group(2).decode() == expect
    assert b.wait_exit() == 0


@pytest.mark.parametrize("smp", [1, 4])
def test_banner_reports_harts(boot, smp):
    b = boot(smp=smp)
    m = b.expect(r"harts\s+: (\d+) \(boot hart (\d+); ids([ 0-9]+)\)")
    assert int(m.group(1)) == smp
    assert m.group(3).split() == [str(i).encode() for i in range(smp)]
    assert int(m.group(2)) < smp
    assert b.wait_exit() == 0


def test_banner_reports_h_and_devices(boot):
    b = boot()
    b.expect(r"extensions: H extension yes, Sstc yes")
    out = b.output()
    assert re.search(r"uart\s+: ns16550a at 0x10000000 irq 10", out)
    assert re.search(r"virtio\s+: 8 slots at 0x10001000\.\.0x10008000", out)
    assert re.search(r"pflash1\s+: 0x22000000-0x24000000 \(32 MiB\)", out)
    assert b.wait_exit() == 0


def test_page_allocator_leaves_out_reserved(boot):
    b = boot(mem="128M")
    m = b.expect(r"page allocator: (\d+) free pages")
    free = int(m.group(1))
    out = b.output()
    # 128 MiB minus OpenSBI's reserved region, the hypervisor image and the DTB
    reserved = sum(int(e, 16) - int(s, 16) for s, e in
                   re.findall(r"reserved\s+: 0x([0-9a-f]+)-0x([0-9a-f]+)", out))
    assert reserved > 0
    assert free < (128 << 20) // 4096 - reserved // 4096
    assert free > (120 << 20) // 4096
    assert b.wait_exit() == 0


def test_missing_h_extension_is_a_clear_error(boot):
    b = boot(cpu="rv64,h=false")
    b.expect(r"error: the RISC-V H extension is missing")
    b.expect(r"Fix: run QEMU with -cpu rv64")
    assert b.wait_exit(timeout=20) == 0
    assert "page allocator" not in b.output()
