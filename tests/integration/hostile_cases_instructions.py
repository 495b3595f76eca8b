"""Hostile cases that attack memory and instructions: accesses outside the VM's RAM, at the host's
devices and firmware, instructions and CSRs a VS-mode guest may not use, broken page tables."""

ILLEGAL = 2   # scause of an illegal-instruction exception

CASES = {
    # hypervisor fences are virtual instructions; not emulated, so the guest sees illegal-instruction
    "hfence": [
        "hostile: hfence.gvma: trap %d stval=0x62000073" % ILLEGAL,
        "hostile: hfence.vvma: trap %d stval=0x22000073" % ILLEGAL,
        "hostile: hfence survived",
    ],
}
