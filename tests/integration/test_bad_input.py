"""test_bad_input.py: bad input from users, one case each: a missing, corrupt or truncated disk image,
a missing or truncated kernel, a description with wrong types or overlapping regions, a flash image
of the wrong size, guest RAM larger than the host's. Each gives exactly one error line naming the
file and the problem, nothing crashes, and a good VM in the same description still runs to its end."""
import os
import re
import struct
import subprocess

import pytest

from images import BUILD, DISK, ROOT, copy_of, description, disk_with_description, put_file, vm_node

QEMU_PY = os.path.join(ROOT, "tools", "qemu.py")
BOOT_TIMEOUT = 60

# The simple_hv guest (configs/simple_hv.dts) as the good VM beside each bad one.
GOOD_VM = """	good {
		compatible = "hartvisor,vm";
		#address-cells = <2>;
		#size-cells = <2>;
		vm-name = "simple_hv";
		memory = <0x0 0x80000000 0x0 0x1000000>;
		kernel = "/sbin/skernel";
		kernel-address = <0x0 0x80200000>;
		csr-emulate {
			mhartid = <0x0 0x1234>;
		};
		test-device@0 {
			compatible = "hartvisor,test-device";
			reg = <0x0 0x0 0x0 0x1000>;
			read-value = <0x0 0x6688>;
		};
	};
"""


def two_vms(bad_body, good=GOOD_VM):
    """A description with the vm node /bad (vm-name "bad", compatible and cells given) first, then the good VM."""
    return description(vm_node("bad", "bad", bad_body), good)


def error_lines(output):
    return [l for l in output.splitlines() if re.search(r"\] error: ", l)]


def run_to_power_off(boot, **kw):
    """Boots, waits for the hypervisor to power off by itself, returns the console output."""
    b = boot(timeout=BOOT_TIMEOUT, **kw)
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    return b.output()


def assert_good_vm_ran(out):
    """The good VM beside the bad one ran to its end (it is vm0: the bad one was not built)."""
    assert "[vm0] a0 = 0x6688, a1 = 0x1234" in out
    assert "[vm0] Shutdown vm normally!" in out


def run_description(boot, tmp_path, bad_body, extra_files=()):
    disk = disk_with_description(tmp_path, "badinput", two_vms(bad_body), extra_files)
    out = run_to_power_off(boot, vm="badinput", disk=disk)
    assert_good_vm_ran(out)
    return error_lines(out)


# ---- images the user hands to tools/qemu.py or make run: refused before QEMU starts ----

def run_tool(argv):
    r = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=BOOT_TIMEOUT)
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


@pytest.mark.parametrize("how", ["qemu.py", "make-run"])
def test_missing_disk_image(tmp_path, how):
    missing = str(tmp_path / "no-such-disk.img")
    line = "qemu.py: disk image %s does not exist" % missing
    if how == "qemu.py":
        rc, out, err = run_tool(["/usr/bin/python3", QEMU_PY, "--vm", "simple_hv", "--disk", missing])
        assert (rc, out, err.splitlines()) == (1, "", [line])
    else:
        rc, out, err = run_tool(["make", "-s", "run", "VM=simple_hv", "DISK_IMAGE=" + missing])
        assert rc != 0 and "qemu-system" not in out
        assert err.splitlines()[0] == line        # then make's own "Error 1" line


def test_pflash_image_of_the_wrong_size(tmp_path):
    small = str(tmp_path / "small-pflash.img")
    with open(small, "wb") as f:
        f.write(b"pfld" + bytes(1 << 20))
    rc, out, err = run_tool(["/usr/bin/python3", QEMU_PY, "--vm", "pflash", "--pflash", small])
    assert (rc, out) == (1, "")
    assert err.splitlines() == [
        "qemu.py: pflash image %s is %d bytes; QEMU virt's flash bank needs exactly 33554432 (32 MiB); "
        "make one with tools/mkpflash" % (small, (1 << 20) + 4)]


# ---- a disk the hypervisor cannot read: one line, then the embedded-free machine powers off ----

def garbage_boot_sector(disk):
    with open(disk, "r+b") as f:                 # no BPB, no signature
        f.write(bytes(range(256)) * 2)


def all_zero(disk):
    with open(disk, "r+b") as f:                 # an empty disk: not formatted at all
        f.write(bytes(1 << 20))


@pytest.mark.parametrize("spoil", [garbage_boot_sector, all_zero], ids=["garbage", "not-fat"])
def test_corrupt_disk_image(boot, tmp_path, spoil):
    disk = copy_of(DISK, tmp_path, "disk.img")
    spoil(disk)
    errors = error_lines(run_to_power_off(boot, disk=disk))
    assert len(errors) == 1, errors
    assert re.fullmatch(r"\[hv\] error: disk: virtio-blk at 0x100[0-9a-f]+ holds no usable FAT16/FAT32 volume "
                        r"\(.+\); build one with tools/mkdisk", errors[0]), errors


def test_truncated_disk_image(boot, tmp_path):
    # the FAT and the small files are in the first MiBs, so it mounts; /sbin/big.bin is past the end
    disk = copy_of(DISK, tmp_path, "disk.img")
    volume_sectors = os.path.getsize(disk) // 512
    os.truncate(disk, 20 << 20)
    errors = error_lines(run_to_power_off(boot, vm="loadbench", disk=disk))
    assert len(errors) == 1, errors
    assert re.fullmatch(r"\[hv\] error: disk: the FAT32 volume spans %d sectors but the virtio-blk disk at "
                        r"0x100[0-9a-f]+ has only 40960: the image is truncated; build it again with tools/mkdisk"
                        % volume_sectors, errors[0]), errors


# ---- descriptions: the whole file unusable ----

def test_missing_description(boot):
    errors = error_lines(run_to_power_off(boot, vm="nosuchvm"))
    assert errors == ["[hv] error: /vm/nosuchvm.dtb: no such VM description on the disk "
                      "(make run VM=<name> with a file in configs/)"]


def test_description_not_a_device_tree(boot, tmp_path):
    disk = copy_of(DISK, tmp_path, "disk.img")
    junk = tmp_path / "junk.dtb"
    junk.write_bytes(b"this is not a device tree\n" * 4)
    put_file(disk, str(junk), "/vm/junk.dtb")
    errors = error_lines(run_to_power_off(boot, vm="junk", disk=disk))
    assert errors == ["[hv] error: /vm/junk.dtb: /: not a valid device tree (FDT_ERR_BADMAGIC)"]


# ---- descriptions: one bad vm node beside a good one ----

KERNEL_SKERNEL = '\t\tkernel = "/sbin/skernel";\n'
MEMORY_16M = "\t\tmemory = <0x0 0x80000000 0x0 0x1000000>;\n"

WRONG_TYPES = {
    "memory-as-string": (KERNEL_SKERNEL + '\t\tmemory = "16M";\n',
                         "property 'memory' must be 4 cells (base and size, 64-bit each)"),
    "vcpus-3-bytes": (KERNEL_SKERNEL + MEMORY_16M + "\t\tvcpus = [00 00 01];\n",
                      "property 'vcpus' must be 1 cell (32-bit)"),
    "kernel-address-1-cell": (KERNEL_SKERNEL + MEMORY_16M + "\t\tkernel-address = <0x80200000>;\n",
                              "property 'kernel-address' must be 2 cells (64-bit)"),
    "kernel-as-number": (MEMORY_16M + "\t\tkernel = <0x80200000>;\n", "property 'kernel' must be a string"),
}


@pytest.mark.parametrize("case", sorted(WRONG_TYPES))
def test_description_with_wrong_type(boot, tmp_path, case):
    body, problem = WRONG_TYPES[case]
    assert run_description(boot, tmp_path, body) == ["[hv] error: /vm/badinput.dtb: /bad: " + problem]


def device(name, base, size, compatible="hartvisor,test-device"):
    return '\t\t%s {\n\t\t\tcompatible = "%s";\n\t\t\treg = <0x0 0x%x 0x0 0x%x>;\n\t\t};\n' % (
        name, compatible, base, size)


OVERLAPS = {
    # RAM 0x80000000..0x80ffffff in each; the device it runs into is reported
    "ram-overlaps-device": (device("test-device@80800000", 0x80800000, 0x1000000),
                            "/bad/test-device@80800000: property 'reg' 0x80800000..0x817fffff overlaps the "
                            "vm's 'memory' 0x80000000..0x80ffffff"),
    "device-inside-ram": (device("serial@80100000", 0x80100000, 0x100, "ns16550a"),
                          "/bad/serial@80100000: property 'reg' 0x80100000..0x801000ff lies inside the vm's "
                          "'memory' 0x80000000..0x80ffffff"),
    "two-devices": (device("serial@10000000", 0x10000000, 0x2000, "ns16550a") +
                    device("test-device@10001000", 0x10001000, 0x1000),
                    "/bad/test-device@10001000: property 'reg' 0x10001000..0x10001fff overlaps device "
                    "serial@10000000 at 0x10000000..0x10001fff"),
}


@pytest.mark.parametrize("case", sorted(OVERLAPS))
def test_description_with_overlapping_regions(boot, tmp_path, case):
    dev, problem = OVERLAPS[case]
    errors = run_description(boot, tmp_path, KERNEL_SKERNEL + MEMORY_16M + dev)
    assert errors == ["[hv] error: /vm/badinput.dtb: " + problem]


# ---- a VM that parses but cannot be built ----

def test_missing_kernel(boot, tmp_path):
    errors = run_description(boot, tmp_path, MEMORY_16M + '\t\tkernel = "/sbin/not-there";\n')
    assert errors == ["[vm0] error: bad: kernel /sbin/not-there: not found on the disk"]


def elf_cut_points(path):
    """Offsets inside a real guest ELF: the middle of its second program header, and the middle of
    its first PT_LOAD segment's data."""
    with open(path, "rb") as f:
        data = f.read()
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    assert phnum >= 2
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1 and p_filesz > 2:
            return data, {"in-program-headers": phoff + phentsize + phentsize // 2,
                          "in-segment-data": p_offset + p_filesz // 2}, (i, p_offset, p_filesz)
    raise AssertionError("no PT_LOAD with data in " + path)


@pytest.mark.parametrize("where", ["in-program-headers", "in-segment-data"])
def test_truncated_elf_kernel(boot, tmp_path, where):
    data, cuts, (seg, offset, filesz) = elf_cut_points(os.path.join(BUILD, "guests", "dtbinfo.elf"))
    cut = cuts[where]
    kernel = tmp_path / "cut.elf"
    kernel.write_bytes(data[:cut])
    errors = run_description(boot, tmp_path, MEMORY_16M + '\t\tkernel = "/sbin/cut.elf";\n',
                             [(str(kernel), "/sbin/cut.elf")])
    if where == "in-program-headers":
        problem = "truncated ELF: program header table past the end of the file (size %d)" % cut
    else:
        problem = "truncated ELF: segment %d data (0x%x+0x%x) past the end of the file (size %d)" % (
            seg, offset, filesz, cut)
    assert errors == ["[vm0] error: bad: kernel /sbin/cut.elf: " + problem]


def test_flash_backing_file_of_the_wrong_size(boot, tmp_path):
    backing = tmp_path / "short.img"
    backing.write_bytes(b"\xff" * (1 << 20))
    flash = ('\t\tflash@22000000 {\n\t\t\tcompatible = "cfi-flash";\n\t\t\treg = <0x0 0x22000000 0x0 0x2000000>;\n'
             '\t\t\tmode = "emulate";\n\t\t\tbacking = "/pflash/short.img";\n\t\t};\n')
    errors = run_description(boot, tmp_path, MEMORY_16M + '\t\tkernel = "/sbin/pflash";\n' + flash,
                             [(str(backing), "/pflash/short.img")])
    assert errors == ["[vm0] error: pflash: backing file /pflash/short.img is 1048576 bytes; it must be "
                      "exactly the flash's 33554432"]


def test_guest_ram_larger_than_host_ram(boot, tmp_path):
    # 4 GiB of guest RAM on a 256 MiB machine
    errors = run_description(boot, tmp_path, KERNEL_SKERNEL + "\t\tmemory = <0x0 0x80000000 0x1 0x0>;\n")
    assert len(errors) == 1, errors
    assert re.fullmatch(r"\[vm0\] error: bad: not enough free host RAM for 4096 MiB of guest RAM "
                        r"\((\d+) MiB free\)", errors[0]), errors
