"""test_disk.py: the hypervisor finds its virtio-blk disk (legacy and modern interface) and reads it."""
import subprocess

import pytest


@pytest.fixture(scope="module")
def fat32_disk(tmp_path_factory):
    """A 64 MiB disk formatted the classic way, with mkfs.fat -F 32."""
    path = str(tmp_path_factory.mktemp("disk") / "disk.img")
    subprocess.run(["mkfs.fat", "-C", "-F", "32", path, "65536"], check=True, capture_output=True)
    return path


def disk_args(path, legacy):
    return ["-drive", "file=%s,if=none,format=raw,id=hd0" % path, "-device", "virtio-blk-device,drive=hd0",
            "-global", "virtio-mmio.force-legacy=%s" % ("true" if legacy else "false")]


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "modern"])
def test_disk_found_and_read(boot, fat32_disk, legacy):
    b = boot(extra=disk_args(fat32_disk, legacy))
    kind = "legacy" if legacy else "modern"
    # 65536 KiB = 131072 sectors; a FAT boot sector ends with 0x55 0xaa
    b.expect(r"disk: virtio-blk %s at 0x100[0-9a-f]{5}, 131072 sectors \(65536 KiB\), sector 0 ends 0x55aa" % kind)
    assert b.wait_exit() == 0


def test_no_disk_is_reported(boot):
    b = boot()
    b.expect_exact("disk: none (no virtio-blk device)")
    assert b.wait_exit() == 0
