#!/usr/bin/env python3
"""gdb_session.py: writes the gdb script for one `make debug` run (build/debug/session.gdb).

The script sources tools/gdbinit (the hypervisor's symbols and the hv- commands), adds each
guest's ELF symbols at the guest-physical address its kernel is loaded at, and attaches to
QEMU's gdb stub on the given port.

Which guest: VM=<name> reads configs/<name>.dts (hostile-<case> reads configs/hostile.dts.in);
each VM's `kernel = "/sbin/<guest>"` names build/guests/<guest>.elf, whose flat image the
hypervisor loads at `kernel-address` (default: RAM base + 2 MiB). KERNEL=<file> uses the file
itself when it is an ELF (loaded at its own addresses), or <file>.elf beside a flat <file>.bin.
"""
import argparse
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
CONFIGS = os.path.join(ROOT, "configs")
GUEST_ELFS = os.path.join(BUILD, "guests")
DEFAULT_VM_WITH_DISK = "mkernel"      # hv/core/run.c: DEFAULT_VM
DEFAULT_VM_WITHOUT_DISK = "simple_hv"  # hv/core/run.c: DEFAULT_EMBEDDED_VM
RAW_LOAD_OFFSET = 2 << 20              # hv/loader/raw.c: a flat kernel's default place in RAM
PT_LOAD = 1


def warn(msg):
    print("gdb_session.py: " + msg, file=sys.stderr)


def dts_cells(text):
    """'<0x0 0x80200000>' -> the cells joined as one number (2 cells: hi, lo)."""
    value = 0
    for cell in re.findall(r"0x[0-9a-fA-F]+|\d+", text):
        value = (value << 32) | int(cell, 0)
    return value


def vm_nodes(dts_text):
    """The VM nodes of a description: dicts of their properties (raw text values), in order."""
    text = re.sub(r"/\*.*?\*/", "", dts_text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    stack, vms = [], []
    for token in re.finditer(r"([^{};]+)\{|\}\s*;|([^{};]+);", text):
        if token.group(1) is not None:
            stack.append({})
        elif token.group(0).startswith("}"):
            node = stack.pop() if stack else {}
            if node.get("compatible") == '"hartvisor,vm"':
                vms.append(node)
        elif stack and "=" in token.group(2):
            name, value = token.group(2).split("=", 1)
            stack[-1][name.strip()] = value.strip()
    return vms


def description_text(vm_name):
    """The text of configs/<vm_name>.dts (or the hostile template filled in), or None."""
    path = os.path.join(CONFIGS, vm_name + ".dts")
    if os.path.isfile(path):
        with open(path) as f:
            return f.read()
    if vm_name.startswith("hostile-") and os.path.isfile(os.path.join(CONFIGS, "hostile.dts.in")):
        with open(os.path.join(CONFIGS, "hostile.dts.in")) as f:
            return f.read().replace("@CASE@", vm_name[len("hostile-"):])
    return None


def elf_lowest_load_paddr(path):
    """The lowest physical address of an ELF64's loaded segments (where its flat image starts), or None."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:
            return None
        phoff, = struct.unpack_from("<Q", head, 32)
        phentsize, phnum = struct.unpack_from("<HH", head, 54)
        lowest = None
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            p_type, _, _, _, p_paddr, p_filesz = struct.unpack("<IIQQQQ", f.read(40))
            if p_type == PT_LOAD and p_filesz and (lowest is None or p_paddr < lowest):
                lowest = p_paddr
    return lowest


def is_elf(path):
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def guests_of_vm(vm_name):
    """[(elf path, offset to add to its addresses, VM name)] for a description's VMs."""
    text = description_text(vm_name)
    if text is None:
        warn("no description configs/%s.dts: no guest symbols" % vm_name)
        return []
    found = []
    for node in vm_nodes(text):
        name = node.get("vm-name", '"?"').strip('"')
        kernel = node.get("kernel", "").strip('"')
        elf = os.path.join(GUEST_ELFS, os.path.splitext(os.path.basename(kernel))[0] + ".elf")
        if not kernel or not os.path.isfile(elf):
            warn("VM %s: no ELF %s for its kernel %r: no guest symbols" % (name, os.path.relpath(elf, ROOT), kernel))
            continue
        ram_base = dts_cells(node["memory"]) >> 64 if "memory" in node else 0x80000000
        load = dts_cells(node["kernel-address"]) if "kernel-address" in node else ram_base + RAW_LOAD_OFFSET
        lowest = elf_lowest_load_paddr(elf)
        found.append((elf, load - lowest if lowest is not None else 0, name))
    return found


def guests_of_kernel(kernel):
    """[(elf path, offset, "kernel")] for KERNEL=<file>: the ELF itself, or the ELF beside a flat image."""
    if not os.path.isfile(kernel):
        warn("KERNEL=%s does not exist: no guest symbols" % kernel)
        return []
    if is_elf(kernel):
        return [(os.path.abspath(kernel), 0, "kernel")]   # the ELF loader places it at its own addresses
    elf = os.path.splitext(kernel)[0] + ".elf"
    if os.path.isfile(elf):
        lowest = elf_lowest_load_paddr(elf)
        return [(os.path.abspath(elf), 0x80000000 + RAW_LOAD_OFFSET - (lowest or 0), "kernel")]
    warn("KERNEL=%s is not an ELF and has no .elf beside it: no guest symbols" % kernel)
    return []


def session_script(port, guests, vm_label):
    lines = ["# session.gdb: attaches gdb to `make debug %s` on port %d (generated by tools/gdb_session.py)"
             % (vm_label, port),
             "set $hv_session = 1",
             "cd %s" % ROOT,
             "source %s" % os.path.join(ROOT, "tools", "gdbinit")]
    seen = set()
    for elf, offset, name in guests:
        if elf in seen:
            continue
        seen.add(elf)
        lines.append("echo guest symbols of VM %s: %s at offset %#x\\n" % (name, os.path.relpath(elf, ROOT), offset))
        lines.append("add-symbol-file %s -o %#x" % (elf, offset))
    lines.append("target remote localhost:%d" % port)
    lines.append("echo QEMU is paused at reset. Try: break exit_handle, continue, hv-vcpu, hv-exits, "
                 "hv-gpa 0x80200000 (help hv-vcpu)\\n")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vm", default="", help="VM description name(s), comma-separated as for vm=")
    ap.add_argument("--kernel", default="", help="the KERNEL= file")
    ap.add_argument("--port", type=int, default=1234)
    ap.add_argument("--disk", default=os.path.join(BUILD, "disk.img"), help="decides the default VM")
    ap.add_argument("--out", default=os.path.join(BUILD, "debug", "session.gdb"))
    args = ap.parse_args()
    if args.kernel:
        guests, label = guests_of_kernel(args.kernel), "KERNEL=" + args.kernel
    else:
        names = args.vm or (DEFAULT_VM_WITH_DISK if os.path.isfile(args.disk) else DEFAULT_VM_WITHOUT_DISK)
        guests, label = [g for n in names.split(",") if n for g in guests_of_vm(n)], "VM=" + names
    if len({elf for elf, _, _ in guests}) > 1:
        warn("symbols of several guests are loaded: where their addresses overlap, gdb may name either's")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(session_script(args.port, guests, label))
    return 0


if __name__ == "__main__":
    sys.exit(main())
