# gdb_hartvisor.py: gdb commands that read Hartvisor's own structures: hv-vcpu, hv-exits, hv-gpa.
#
# Loaded by tools/gdbinit into gdb-multiarch (gdb's Python API and the standard library only).
# The hypervisor runs with satp = Bare, so while the hart is in HS-mode (V=0) gdb's memory
# reads are host-physical reads: the vm and vcpu structures, the trace rings and the G-stage
# tables are all read straight from memory.
import re

import gdb

RING_SIZE = 256               # hv/trace/trace.h: TRACE_RING_SIZE
SCAUSE_IRQ = 1 << 63
GUEST_PAGE_FAULTS = (20, 21, 23)
PAGE_SHIFT = 12
LEVEL_BITS = 9
ROOT_INDEX_BITS = LEVEL_BITS + 2   # the x4 root: 2048 entries
PTE_FLAG_NAMES = "VRWXUGAD"        # bits 0..7 of a PTE
PTE_V, PTE_R, PTE_W, PTE_X = 1, 2, 4, 8
PTE_PPN_MASK = (1 << 44) - 1
REG_NAMES = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
             "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
             "t5", "t6"]

SYMBOL_LINE = re.compile(r"(.+?) in section \S+(?: of (\S+))?$")

# Used only when the hypervisor's own tables (hv/trace/trace.c) cannot be read.
EXCEPTION_NAMES = [
    "instruction-misaligned", "instruction-access-fault", "illegal-instruction", "breakpoint",
    "load-misaligned", "load-access-fault", "store-misaligned", "store-access-fault",
    "ecall-u", "ecall-hs", "vs-ecall", "ecall-m",
    "instruction-page-fault", "load-page-fault", "exception-14", "store-page-fault",
    "exception-16", "exception-17", "software-check", "hardware-error",
    "fetch-guest-page-fault", "load-guest-page-fault", "virtual-instruction", "store-guest-page-fault",
]
IRQ_NAMES = ["irq-0", "irq-s-software", "irq-vs-software", "irq-3", "irq-4", "irq-s-timer", "irq-vs-timer",
             "irq-7", "irq-8", "irq-s-external", "irq-vs-external", "irq-11", "irq-12", "irq-13", "irq-14",
             "irq-15"]


def u64(value):
    return int(value) & ((1 << 64) - 1)


def hv_name_table(symbol, fallback):
    """The strings of one of the hypervisor's static name arrays, or the fallback copy."""
    try:
        sym = gdb.lookup_static_symbol(symbol)
        if sym is None:
            return fallback
        table = sym.value()
        low, high = table.type.range()
        return [table[i].string() for i in range(low, high + 1)]
    except gdb.error:
        return fallback


def cause_name(scause):
    if scause & SCAUSE_IRQ:
        code = scause & ~SCAUSE_IRQ
        names = hv_name_table("irq_names", IRQ_NAMES)
        return names[code] if code < len(names) else "irq-unknown"
    names = hv_name_table("exception_names", EXCEPTION_NAMES)
    return names[scause] if scause < len(names) else "exception-unknown"


def enum_name(enum_type, number, prefix):
    """'ACT_EMULATED' -> 'emulated' for a number of the given enum type; 'action-N' when unknown."""
    try:
        for field in gdb.lookup_type(enum_type).fields():
            if field.enumval == number:
                name = field.name
                return name[len(prefix):].lower() if name.startswith(prefix) else name
    except gdb.error:
        pass
    return "%s-%d" % (prefix.rstrip("_").lower(), number)


def hv_objfile_name():
    """The hypervisor's ELF: the main program gdb was given (file build/hv.elf)."""
    return gdb.current_progspace().filename or ""


def guest_symbol(addr):
    """' <func+off in guest.elf>' for a guest symbol at a guest address, else ''. The guests'
    addresses overlap the hypervisor's own (both start at 0x80200000): its symbols are skipped."""
    try:
        text = gdb.execute("info symbol %#x" % addr, to_string=True)
    except gdb.error:
        return ""
    hv = hv_objfile_name()
    for line in text.splitlines():
        m = SYMBOL_LINE.match(line.strip())
        if m and m.group(2) and m.group(2) != hv:
            return " <%s in %s>" % (m.group(1).replace(" + ", "+"), m.group(2).rsplit("/", 1)[-1])
    return ""


def elf_bytes_at(path, addr, size):
    """size bytes of the ELF64 file's loaded image at address addr (from its program headers), or None."""
    with open(path, "rb") as f:
        head = f.read(64)
        phoff = int.from_bytes(head[32:40], "little")
        phentsize, phnum = int.from_bytes(head[54:56], "little"), int.from_bytes(head[56:58], "little")
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            ph = f.read(56)
            p_type = int.from_bytes(ph[0:4], "little")
            p_offset, p_vaddr = int.from_bytes(ph[8:16], "little"), int.from_bytes(ph[16:24], "little")
            p_filesz = int.from_bytes(ph[32:40], "little")
            if p_type == 1 and p_vaddr <= addr and addr + size <= p_vaddr + p_filesz:
                f.seek(p_offset + addr - p_vaddr)
                return f.read(size)
    return None


def check_hv_memory_visible():
    """Stops the command when gdb's memory reads do not reach the hypervisor's memory: when the
    hart runs the guest (V=1), QEMU translates them as the guest's, and hv structures read as junk."""
    hv = hv_objfile_name()
    if not hv:
        raise gdb.GdbError("no hypervisor symbols: file build/hv.elf")
    with open(hv, "rb") as f:
        entry = int.from_bytes(f.read(32)[24:32], "little")   # e_entry
    expected = elf_bytes_at(hv, entry, 16)
    try:
        seen = bytes(gdb.selected_inferior().read_memory(entry, 16))
    except gdb.MemoryError:
        seen = None
    if expected is not None and seen != expected:
        raise gdb.GdbError("the hypervisor's memory is not visible here: the hart runs the guest (V=1), so "
                           "gdb reads guest addresses; stop in the hypervisor first (break exit_handle, continue). "
                           "(Or QEMU runs another build than %s: make all, and restart QEMU.)" % hv)


def frame_vcpu():
    """The `v` argument of exit_handle when it is on the stack (selected frame outwards), or None."""
    try:
        frame = gdb.selected_frame()
    except gdb.error:
        return None
    while frame is not None:
        if frame.name() == "exit_handle":
            try:
                v = frame.read_var("v")
                if not v.is_optimized_out and u64(v):
                    return v
            except (gdb.error, ValueError):
                pass
        frame = frame.older()
    return None


def current_vcpu():
    """The vCPU being handled: exit_handle's argument, else the one this hart runs (the vcpu of its
    struct hart, which tp points at while the hypervisor runs)."""
    check_hv_memory_visible()
    v = frame_vcpu()
    if v is not None:
        return v.dereference()
    try:
        v = gdb.parse_and_eval("((struct hart *)$tp)->vcpu")
    except gdb.error:
        raise gdb.GdbError("no type struct hart: load build/hv.elf (file build/hv.elf)")
    if u64(v) == 0:
        raise gdb.GdbError("no current vCPU: the hart is not in a vCPU's run loop "
                           "(try: break exit_handle, continue)")
    return v.dereference()


def vm_label(vm):
    return 'VM %d "%s"' % (int(vm["id"]), vm["name"].string())


def format_record(rec):
    """One line for a struct trace_record, in the spirit of hv/trace/trace_format.c."""
    cause = u64(rec["cause"])
    line = "exit %d %s sepc=%#x" % (u64(rec["seq"]), cause_name(cause), u64(rec["sepc"]))
    stval, htval = u64(rec["stval"]), u64(rec["htval"])
    if not cause & SCAUSE_IRQ:
        if cause in GUEST_PAGE_FAULTS:
            line += " gpa=%#x" % (((htval << 2) & ~0xfff) | (stval & 0xfff))
        elif stval:
            line += " stval=%#x" % stval
        if htval and cause not in GUEST_PAGE_FAULTS:
            line += " htval=%#x" % htval
    if int(rec["insn"]):
        line += " insn=%#010x" % int(rec["insn"])
    action = enum_name("enum exit_action", int(rec["action"]), "ACT_")
    line += " -> " + action
    value = u64(rec["value"])
    if action == "emulated" and int(rec["rd"]):
        line += " %s=%#x" % (REG_NAMES[int(rec["rd"]) & 31], value)
    elif action == "injected":
        line += " cause=%d" % value
    elif action == "sbi":
        line += " a0=%d" % (value - (1 << 64) if value >> 63 else value)
    return line + " (%d cycles)" % int(rec["cycles"])


class HvVcpu(gdb.Command):
    """Print the current vCPU: its VM, state, sepc, sstatus, hstatus, the exit's CSRs and the GPRs.
Usage: hv-vcpu
The current vCPU is exit_handle's argument when exit_handle is on the stack, otherwise the vCPU
of this hart's struct hart (tp points at it; set while the hart runs a vCPU, hv/core/sched.c)."""

    def __init__(self):
        super().__init__("hv-vcpu", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        v = current_vcpu()
        vm = v["vm"].dereference()
        ram_base, ram_size = u64(vm["ram_base"]), u64(vm["ram_size"])
        sepc = u64(v["sepc"])
        out = ["vCPU %d of %s at %#x: state %s, VM state %s" % (
            int(v["id"]), vm_label(vm), u64(v.address), v["state"], vm["state"])]
        out.append("  RAM     GPA %#x-%#x -> HPA %#x" % (ram_base, ram_base + ram_size, u64(vm["ram_hpa"])))
        where = "in guest RAM" if ram_base <= sepc < ram_base + ram_size else "outside guest RAM"
        out.append("  sepc    %#018x (%s)%s" % (sepc, where, guest_symbol(sepc)))
        out.append("  sstatus %#018x  hstatus %#018x" % (u64(v["sstatus"]), u64(v["hstatus"])))
        scause = u64(v["scause"])
        out.append("  scause  %#018x %s" % (scause, cause_name(scause)))
        out.append("  stval   %#018x  htval %#018x  htinst %#018x" % (
            u64(v["stval"]), u64(v["htval"]), u64(v["htinst"])))
        out.append("  exits   %d (%d in the trace ring)" % (u64(v["exit_seq"]), u64(v["trace"]["next"])))
        for row in range(0, 32, 4):
            out.append("  " + "  ".join("%-4s %#018x" % (REG_NAMES[i], u64(v["x"][i])) for i in range(row, row + 4)))
        gdb.write("\n".join(out) + "\n")


class HvExits(gdb.Command):
    """Print the current vCPU's last N exits from its trace ring, oldest first (default N = 10).
Usage: hv-exits [N]
Each line: sequence number, cause, sepc, the fault address (gpa= for guest-page faults), the
instruction bits, and what the hypervisor did. The exit exit_handle is handling right now is
recorded only when it returns; a VM with trace = "off" records nothing."""

    def __init__(self):
        super().__init__("hv-exits", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        n = int(gdb.parse_and_eval(arg)) if arg.strip() else 10
        v = current_vcpu()
        vm = v["vm"].dereference()
        ring = v["trace"]
        written = u64(ring["next"])
        held = min(written, RING_SIZE)
        gdb.write("last exits of vCPU %d of %s (%d recorded, %d held):\n" % (
            int(v["id"]), vm_label(vm), written, held))
        if int(vm["trace_level"]) == 0:
            gdb.write("  (this VM's trace is off: nothing is recorded)\n")
        for i in range(min(n, held) - 1, -1, -1):
            rec = ring["rec"][(written - 1 - i) % RING_SIZE]
            gdb.write("  " + format_record(rec) + "\n")
        if frame_vcpu() is not None:
            gdb.write("  (exit %d, being handled now, is recorded when exit_handle returns)\n"
                      % (u64(v["exit_seq"]) + 1))


def pte_flags(pte):
    return "".join(c if pte >> i & 1 else "-" for i, c in enumerate(PTE_FLAG_NAMES))


def read_u64(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 8)), "little")


class HvGpa(gdb.Command):
    """Walk the current VM's G-stage table for a guest-physical address.
Usage: hv-gpa GPA
Prints each level's table, index and PTE, then the host-physical address, the leaf's
flags (V R W X U G A D; '-' when clear) and size, or "not mapped" (an MMIO region, or RAM
not touched yet)."""

    def __init__(self):
        super().__init__("hv-gpa", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: hv-gpa GPA")
        gpa = u64(gdb.parse_and_eval(arg))
        vm = current_vcpu()["vm"].dereference()
        gs = vm["gstage"]
        levels, table = int(gs["levels"]), u64(gs["root"])
        limit = 1 << (PAGE_SHIFT + LEVEL_BITS * (levels - 1) + ROOT_INDEX_BITS)
        gdb.write("G-stage walk of GPA %#x in %s (%s, root %#x, VMID %d):\n" % (
            gpa, vm_label(vm), "Sv39x4" if levels == 3 else "Sv48x4", table, int(gs["vmid"])))
        if gpa >= limit:
            gdb.write("GPA %#x not mapped: beyond the G-stage's %#x\n" % (gpa, limit))
            return
        for level in range(levels - 1, -1, -1):
            shift = PAGE_SHIFT + LEVEL_BITS * level
            index = (gpa >> shift) & ((1 << (ROOT_INDEX_BITS if level == levels - 1 else LEVEL_BITS)) - 1)
            pte = read_u64(table + 8 * index)
            next_addr = ((pte >> 10) & PTE_PPN_MASK) << PAGE_SHIFT
            gdb.write("  level %d table %#x [%4d] pte %#018x %s" % (level, table, index, pte, pte_flags(pte)))
            if not pte & PTE_V:
                gdb.write(" invalid\n")
                gdb.write("GPA %#x not mapped (no valid entry at level %d)\n" % (gpa, level))
                return
            if pte & (PTE_R | PTE_W | PTE_X):
                size = 1 << shift
                hpa = next_addr + (gpa & (size - 1))
                gdb.write(" leaf\n")
                gdb.write("GPA %#x -> HPA %#x flags %s (%s leaf)\n" % (gpa, hpa, pte_flags(pte), size_text(size)))
                return
            gdb.write(" -> table %#x\n" % next_addr)
            table = next_addr
        gdb.write("GPA %#x not mapped (a pointer entry at level 0)\n" % gpa)


def size_text(size):
    for unit, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if size >= unit:
            return "%d %s" % (size // unit, name)
    return "%d B" % size


HvVcpu()
HvExits()
HvGpa()
