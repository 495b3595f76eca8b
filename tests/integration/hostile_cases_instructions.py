"""Hostile cases that attack memory and instructions: accesses outside the VM's RAM, at the host's
devices and firmware, instructions and CSRs a VS-mode guest may not use, broken page tables."""
import re

ILLEGAL = 2        # scause of an illegal-instruction exception
BREAKPOINT = 3
LOAD_PAGE_FAULT = 13
STORE_PAGE_FAULT = 15


def stopped(case, what, exit_name, scause, extra=r""):
    """The hypervisor's diagnostic when it stops the hostile VM: names the VM, the reason, the exit."""
    return re.compile(r"\[vm0\] error: hostile-%s: %s; exit %s \(scause 0x%x\) on vcpu 0 %s"
                      % (case, what, exit_name, scause, extra))


def no_device(case, gpa, insn, store=False):
    """A load or store at a guest-physical address where the VM has neither RAM nor a device."""
    exit_name, scause = ("store-guest-page-fault", 0x17) if store else ("load-guest-page-fault", 0x15)
    return stopped(case, r"no RAM or device at guest-physical %s \(guest-virtual %s\) for %s"
                   % (gpa, gpa, insn), exit_name, scause, r"sepc=0x802\w+ stval=%s htval=0x%x" % (gpa, int(gpa, 16) >> 2))


def no_ram_fetch(case, gpa):
    return stopped(case, r"instruction fetch from guest-physical %s, which is not RAM" % gpa,
                   "fetch-guest-page-fault", 0x14, r"sepc=%s stval=%s" % (gpa, gpa))


def csr_pair(name, num):
    """csrr a0,<num> and csrw <num>,a0 both reach the guest as illegal instructions."""
    read = num << 20 | 2 << 12 | 10 << 7 | 0x73
    write = num << 20 | 10 << 15 | 1 << 12 | 0x73
    return "hostile: %s: read trap %d stval=0x%x, write trap %d stval=0x%x" % (name, ILLEGAL, read, ILLEGAL, write)


CASES = {
    # hypervisor fences are virtual instructions; not emulated, so the guest sees illegal-instruction
    "hfence": [
        "hostile: hfence.gvma: trap %d stval=0x62000073" % ILLEGAL,
        "hostile: hfence.vvma: trap %d stval=0x22000073" % ILLEGAL,
        "hostile: hfence survived",
    ],
    # hlv/hlvx/hsv are virtual instructions: illegal for the guest with stval = the guest's own bits
    # (QEMU 7.2 leaves a stale stval here; the hypervisor reads the instruction itself), no hsv writes
    "hlv_hsv": [
        "hostile: hlv.b: trap %d stval=0x60054573" % ILLEGAL,
        "hostile: hlv.w: trap %d stval=0x68054573" % ILLEGAL,
        "hostile: hlv.d: trap %d stval=0x6c054573" % ILLEGAL,
        "hostile: hlvx.hu: trap %d stval=0x64354573" % ILLEGAL,
        "hostile: hlvx.wu: trap %d stval=0x68354573" % ILLEGAL,
        "hostile: hsv.w: trap %d stval=0x6ab54073" % ILLEGAL,
        "hostile: hsv.d: trap %d stval=0x6eb54073" % ILLEGAL,
        "hostile: hsv target afterwards: 0x1122334455667788",
        "hostile: hlv_hsv survived",
    ],
    # h* and vs* CSRs from VS-mode: illegal for the guest, and the real CSRs keep their values
    "hcsr": [
        csr_pair("hstatus", 0x600), csr_pair("hedeleg", 0x602), csr_pair("hideleg", 0x603),
        csr_pair("hie", 0x604), csr_pair("htimedelta", 0x605), csr_pair("hcounteren", 0x606),
        csr_pair("henvcfg", 0x60a), csr_pair("hvip", 0x645), csr_pair("hgatp", 0x680),
        csr_pair("hgeip", 0xe12), csr_pair("vsstatus", 0x200), csr_pair("vstvec", 0x205),
        csr_pair("vsatp", 0x280),
        "hostile: ebreak afterwards: trap %d stval=0x0" % BREAKPOINT,
        "hostile: no interrupt with sie enabled",
        "hostile: time moved normally",
        "hostile: guest RAM marker reads 0x600dcafe",
        "hostile: hcsr survived",
    ],
    # M-mode CSRs and accesses that must trap (read-only counters, debug CSRs, seed without a write)
    "mcsr": [
        "hostile: csrr mstatus: trap %d stval=0x30002573" % ILLEGAL,
        "hostile: csrw mstatus: trap %d stval=0x30051073" % ILLEGAL,
        "hostile: csrr misa: trap %d stval=0x30102573" % ILLEGAL,
        "hostile: csrw medeleg: trap %d stval=0x30251073" % ILLEGAL,
        "hostile: csrw mtvec: trap %d stval=0x30551073" % ILLEGAL,
        "hostile: csrr mscratch: trap %d stval=0x34002573" % ILLEGAL,
        "hostile: csrw mepc: trap %d stval=0x34151073" % ILLEGAL,
        "hostile: csrr mhartid: trap %d stval=0xf1402573" % ILLEGAL,
        "hostile: csrw pmpcfg0: trap %d stval=0x3a051073" % ILLEGAL,
        "hostile: csrw pmpaddr0: trap %d stval=0x3b051073" % ILLEGAL,
        "hostile: csrr mcycle: trap %d stval=0xb0002573" % ILLEGAL,
        "hostile: csrw cycle: trap %d stval=0xc0051073" % ILLEGAL,
        "hostile: csrw time: trap %d stval=0xc0151073" % ILLEGAL,
        "hostile: csrr hpmcounter3: trap %d stval=0xc0302573" % ILLEGAL,
        "hostile: csrr dcsr: trap %d stval=0x7b002573" % ILLEGAL,
        "hostile: csrr seed: trap %d stval=0x1502573" % ILLEGAL,
        "hostile: mcsr survived",
    ],
    "mret": [
        "hostile: mret: trap %d stval=0x30200073" % ILLEGAL,
        "hostile: dret: trap %d stval=0x7b200073" % ILLEGAL,
        "hostile: mret survived",
    ],
    # supervisor instructions from VU-mode: illegal, taken from VU; a VU wfi must not idle the vCPU
    "vu_privileged": [
        "hostile: VU wfi: trap %d stval=0x10500073" % ILLEGAL, "hostile: VU wfi: taken from VU",
        "hostile: VU sret: trap %d stval=0x10200073" % ILLEGAL, "hostile: VU sret: taken from VU",
        "hostile: VU sfence.vma: trap %d stval=0x12000073" % ILLEGAL, "hostile: VU sfence.vma: taken from VU",
        "hostile: VU csrr sstatus: trap %d stval=0x10002573" % ILLEGAL, "hostile: VU csrr sstatus: taken from VU",
        "hostile: vu_privileged survived",
    ],
    # sret on hostile vsstatus/vsepc: only sstatus bits stick; sret into no RAM stops the VM
    "sret_hostile": [
        "hostile: sstatus after writing all ones: bits outside sstatus 0x0, SPP 1",
        "hostile: sret to 0x1000",
        no_ram_fetch("sret_hostile", "0x1000"),
    ],
    # a delegated exception with stvec = 0: the vector is no RAM, the VM is stopped, not looping
    "vstvec_zero": [
        "hostile: stvec = 0, ebreak",
        no_ram_fetch("vstvec_zero", "0x0"),
    ],
    # broken PTEs: the guest's own page faults, delivered by the hart (stval = the VA); a leaf outside
    # RAM is a guest-page fault that stops the VM naming GPA and VA; a reserved satp mode is ignored
    "pagetable_garbage": [
        "hostile: satp with reserved mode 15 reads back 0x0",
        "hostile: Sv39 on",
        "hostile: misaligned superpage: trap %d stval=0xc0000000" % LOAD_PAGE_FAULT,
        "hostile: W without R: trap %d stval=0xc0200000" % LOAD_PAGE_FAULT,
        "hostile: reserved bits: trap %d stval=0xc0201000" % LOAD_PAGE_FAULT,
        "hostile: PBMT bits: trap %d stval=0xc0202000" % LOAD_PAGE_FAULT,
        "hostile: N bit: trap %d stval=0xc0203000" % LOAD_PAGE_FAULT,
        "hostile: pointer at level 0: trap %d stval=0xc0204000" % LOAD_PAGE_FAULT,
        "hostile: load from execute-only: trap %d stval=0xc0205000" % LOAD_PAGE_FAULT,
        "hostile: U page from S-mode: trap %d stval=0xc0206000" % LOAD_PAGE_FAULT,
        "hostile: store to read-only: trap %d stval=0xc0207000" % STORE_PAGE_FAULT,
        stopped("pagetable_garbage", r"no RAM or device at guest-physical 0x90000008 \(guest-virtual 0xc0208008\) "
                r"for ld \w+,0\(\w+\)", "load-guest-page-fault", 0x15),
    ],
    # a page table in a device: the hart's own PTE read faults; not emulated as the guest's load (which
    # would hand it the test device's 0x6688), the VM is stopped naming the walk
    "pagetable_device": [
        "hostile: Sv39 on, VA 0xc0000000 walks through the test device",
        stopped("pagetable_device", r"the guest's page-table walk for guest-virtual 0xc0000000 reads "
                r"guest-physical 0x100000, which is not RAM", "load-guest-page-fault", 0x15),
    ],
    # the host's hypervisor image: GPA 0x80200000 is the guest's own kernel, no hypervisor bytes in
    # its RAM, host RAM past the guest's is unreachable
    "mem_hv_image": [
        "hostile: 0x80200000 holds this guest's own kernel",
        "hostile: copies of a hypervisor string in the guest's RAM: 0",
        no_device("mem_hv_image", "0x8ff00000", r"sd zero,0\(\w+\)", store=True),
    ],
    # OpenSBI's region is the guest's own zeroed RAM; the firmware survives the guest's scribbling
    "mem_opensbi": [
        "hostile: nonzero words in 0x80000000..0x80200000: 0",
        'hostile: copies of "Open" "SBI" in the guest\'s RAM: 0',
        "hostile: scribbled 2 MiB over 0x80000000, words read back wrong: 0",
        "hostile: code at 0x80000000 returned 0x5a",
        "hostile: SBI spec version after the scribble: 0x2000000",
        "hostile: mem_opensbi survived",
    ],
    # inside the vPLIC window the emulated PLIC answers (no host interrupt to claim); past it, stopped
    "mem_plic": [
        "hostile: plic priority of source 10: 0x0",
        "hostile: plic pending word: 0x0",
        "hostile: plic claim of context 1: 0x0",
        "hostile: plic threshold write: ok",
        no_device("mem_plic", "0xc600000", r"lw \w+,0\(\w+\)"),
    ],
    "mem_clint": [no_device("mem_clint", "0x2004000", r"sd zero,0\(\w+\)", store=True)],
    "mem_clint_mtime": [no_device("mem_clint_mtime", "0x200bff8", r"ld \w+,0\(\w+\)")],
    # the emulated UART answers inside its window; past it, stopped
    "mem_uart": [
        "hostile: uart scratch reads 0xa5",
        "hostile: uart lsr reads 0x60",
        no_device("mem_uart", "0x10000100", r"lbu \w+,256\(\w+\)"),
    ],
    # the host's own virtio-blk: stopped (and the next VM still loads from that disk)
    "mem_virtio": [no_device("mem_virtio", "0x10008070", r"sw zero,112\(\w+\)", store=True)],
    # the last byte and doubleword are RAM; a load straddling the end stops at the page boundary
    "mem_ram_end": [
        "hostile: store and load of the last byte: ok",
        "hostile: load of the last doubleword: ok",
        no_device("mem_ram_end", "0x81000000", r"ld a0,4\(a0\)"),
    ],
    "mem_top41": [no_device("mem_top41", "0x1fffffffff8", r"ld \w+,0\(\w+\)")],
    # GPA bits 63:41 set: a guest-page fault (H extension, Sv39x4); the whole GPA is named, not the
    # test device its low 41 bits would alias
    "mem_beyond41": [no_device("mem_beyond41", "0x20000100000", r"ld \w+,0\(\w+\)")],
}
