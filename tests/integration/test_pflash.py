"""test_pflash.py: the pflash exercise in both modes, and programmed data that survives a VM reboot
and a QEMU restart (with a file on the disk and with the host's flash bank as the backing)."""
import os
import re

import pytest

from images import BUILD, DISK, PFLASH, copy_of, disk_with_description, vm_dts

MAGIC_LINES = ("Try to access dev region [0x22000000], got 0x646C6670", "Got pflash magic: pfld")


def flash_exits(output):
    """Exit-trace lines of guest-page faults inside the flash (0x22000000-0x23ffffff)."""
    return [l for l in output.splitlines()
            if re.search(r"guest-page-fault .*gpa=0x2[23][0-9a-f]{6}\b", l)]


def test_passthrough_maps_the_bank_on_first_touch(boot):
    b = boot(vm="pflash", trace="exits")
    for line in MAGIC_LINES:
        b.expect_exact(line)
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0
    faults = flash_exits(b.output())
    # the guest reads the flash several times; only the first access exits, and it maps the bank
    assert len(faults) == 1, faults
    assert re.search(r"-> mapped \[cycles=\d+ time=\d+\]$", faults[0]), faults[0]   # the cost ends the line


def test_emulated_reads_do_not_exit(boot):
    b = boot(vm="pflash-emu", trace="exits")
    for line in MAGIC_LINES:
        b.expect_exact(line)
    payload = os.path.getsize(os.path.join(BUILD, "apps", "hello.bin"))   # build/pflash.img carries it
    b.expect_exact("pflash: version 1, payload %d bytes" % payload)
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0
    assert flash_exits(b.output()) == []    # array-mode reads go to the read-only mapping


def test_missing_backing_file(boot, tmp_path):
    flash = """		flash@22000000 {
			compatible = "cfi-flash";
			reg = <0x0 0x22000000 0x0 0x2000000>;
			backing = "/pflash/missing.img";
		};
"""
    disk = disk_with_description(tmp_path, "nobacking", vm_dts("nobacking", "/sbin/pflash", body=flash))
    b = boot(vm="nobacking", disk=disk)
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    errors = [l for l in b.output().splitlines() if "] error: " in l]
    assert errors == ["[vm0] error: pflash: backing file /pflash/missing.img: not found on the disk"]


def write_run(boot, vm, disk, pflash, first):
    """One QEMU run of pflash-write: the guest writes a record, reboots its VM, writes the next."""
    b = boot(vm=vm, disk=disk, pflash=pflash, snapshot=False, trace="exits")
    b.expect_exact("pflash-write: found %d records" % first)
    b.expect_exact("pflash-write: wrote record %d, read back 0x%08x" % (first, 0x52430000 | first))
    rebooted_at = int(b.expect(r"pflash-write: rebooting at time (\d+)\s").group(1))
    b.expect_exact("[vm0] Rebooting vm")
    # each VM build gets its own htimedelta: the rebuilt guest's clock starts again near 0
    assert int(b.expect(r"pflash-write: time at start (\d+)\s").group(1)) < rebooted_at
    b.expect_exact("pflash-write: found %d records" % (first + 1))
    b.expect_exact("pflash-write: wrote record %d, read back 0x%08x" % (first + 1, 0x52430001 + first))
    b.expect_exact("pflash-write: done")
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0
    return b.output()


@pytest.mark.parametrize("vm", ["pflash-write", "pflash-write-host"], ids=["disk-file", "host-bank"])
def test_written_data_survives_reboot_and_restart(boot, tmp_path, vm):
    disk, pflash = copy_of(DISK, tmp_path, "disk.img"), copy_of(PFLASH, tmp_path, "pflash.img")
    out = write_run(boot, vm, disk, pflash, 0)            # records 0 and 1, with a VM reboot between
    assert "store-guest-page-fault" in out                # the writes were emulated, not passed through
    write_run(boot, vm, disk, pflash, 2)                  # a new QEMU finds both: 2 and 3
    with open(pflash if vm.endswith("host") else disk, "rb") as f:
        data = f.read()
    records = b"".join((0x52430000 | i).to_bytes(4, "little") for i in range(4))
    assert records in data                                # and they are in the image file itself
