"""images.py: disk and flash images for the integration tests, built with mtools and dtc."""
import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
DISK = os.path.join(BUILD, "disk.img")
PFLASH = os.path.join(BUILD, "pflash.img")


def mtools(*args):
    subprocess.run(args, check=True, capture_output=True, env=dict(os.environ, MTOOLS_SKIP_CHECK="1"))


def copy_of(src, tmp_path, name):
    """A private, writable copy of an image."""
    dst = str(tmp_path / name)
    shutil.copyfile(src, dst)
    return dst


def compile_dts(text, out):
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, "-"], input=text.encode(), check=True)
    return out


def put_file(disk, src, dest):
    """Copies src onto the FAT image at dest (creating its directory if it is missing)."""
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    if subprocess.run(["mdir", "-i", disk, "::" + os.path.dirname(dest)], capture_output=True, env=env).returncode:
        mtools("mmd", "-i", disk, "::" + os.path.dirname(dest))
    mtools("mcopy", "-o", "-i", disk, src, "::" + dest)


def vm_node(label, name, body):
    """One vm node of a description: label { compatible, cells, vm-name = name; body }."""
    return """	%s {
		compatible = "hartvisor,vm";
		#address-cells = <2>;
		#size-cells = <2>;
		vm-name = "%s";
%s	};
""" % (label, name, body)


def description(*nodes):
    """A VM description (dts text) holding the given vm nodes in order."""
    return """/dts-v1/;
/ {
	compatible = "hartvisor,vm-description";
	#address-cells = <2>;
	#size-cells = <2>;
%s};
""" % "".join(nodes)


def vm_dts(name, kernel, memory_mib=16, body=""):
    """A one-VM description."""
    return description(vm_node("vm", name, """		memory = <0x0 0x80000000 0x0 0x%x>;
		kernel = "%s";
%s""" % (memory_mib << 20, kernel, body)))


def disk_with_description(tmp_path, name, dts_text, extra_files=()):
    """A copy of build/disk.img with /vm/<name>.dtb compiled from dts_text, plus (src, dest) files."""
    disk = copy_of(DISK, tmp_path, "disk.img")
    dtb = compile_dts(dts_text, str(tmp_path / (name + ".dtb")))
    put_file(disk, dtb, "/vm/%s.dtb" % name)
    for src, dest in extra_files:
        put_file(disk, src, dest)
    return disk
