"""test_disk.py: the hypervisor finds its virtio-blk disk (legacy and modern interface) and boots
guests from a disk made the classic way (mkfs.fat -F 32, files copied with mtools); with no disk,
the embedded default VM runs."""
import os
import subprocess

import pytest

from images import BUILD, compile_dts, put_file, vm_dts

TOUR_KERNEL = "/sbin/u_3_0_riscv64-qemu-virt.bin"
TOUR_FLASH = """		flash@22000000 {
			compatible = "cfi-flash";
			reg = <0x0 0x22000000 0x0 0x2000000>;
			mode = "passthrough";
		};
"""


@pytest.fixture(scope="module")
def fat32_disk(tmp_path_factory):
    """A 64 MiB disk formatted with mkfs.fat -F 32, holding the pflash guest under the tour's long
    name with a description for it (/vm/tour.dtb), and simple_hv."""
    tmp = tmp_path_factory.mktemp("disk")
    path = str(tmp / "disk.img")
    subprocess.run(["mkfs.fat", "-C", "-F", "32", path, "65536"], check=True, capture_output=True)
    put_file(path, os.path.join(BUILD, "guests", "pflash.bin"), TOUR_KERNEL)
    put_file(path, compile_dts(vm_dts("tour", TOUR_KERNEL, body=TOUR_FLASH), str(tmp / "tour.dtb")), "/vm/tour.dtb")
    put_file(path, os.path.join(BUILD, "guests", "skernel.bin"), "/sbin/skernel")
    put_file(path, os.path.join(BUILD, "configs", "simple_hv.dtb"), "/vm/simple_hv.dtb")
    return path


def disk_args(path, legacy):
    return ["-drive", "file=%s,if=none,format=raw,id=hd0,snapshot=on" % path,
            "-device", "virtio-blk-device,drive=hd0",
            "-global", "virtio-mmio.force-legacy=%s" % ("true" if legacy else "false")]


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "modern"])
def test_classic_disk_boots(boot, fat32_disk, legacy):
    b = boot(vm="tour", disk=None, extra=disk_args(fat32_disk, legacy))
    kind = "legacy" if legacy else "modern"
    # 65536 KiB = 131072 sectors; a FAT boot sector ends with 0x55 0xaa
    b.expect(r"disk: virtio-blk %s at 0x100[0-9a-f]{5}, 131072 sectors \(65536 KiB\), sector 0 ends 0x55aa" % kind)
    b.expect_exact("files: FAT32 volume on the disk")
    b.expect_exact("Try to access dev region [0x22000000], got 0x646C6670")
    b.expect_exact("Got pflash magic: pfld")
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0


def test_classic_disk_default_vm(boot, fat32_disk):
    b = boot(vm="simple_hv", disk=None, extra=disk_args(fat32_disk, True))
    b.expect_exact("[vm0] info: simple_hv: raw /sbin/skernel: 0x80200000..")
    b.expect_exact("[vm0] a0 = 0x6688, a1 = 0x1234")
    assert b.wait_exit() == 0


def test_no_disk_runs_the_embedded_default(boot):
    b = boot(disk=None)
    b.expect_exact("disk: none (no virtio-blk device)")
    b.expect_exact("files: no disk; using the guests and descriptions embedded in the image")
    b.expect_exact("[vm0] a0 = 0x6688, a1 = 0x1234")
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0
