"""Hostile cases that attack the SBI server, the emulated devices and the scheduler: hostile SBI
arguments, exit storms, a guest that never gives control back, odd accesses to every device."""
import re

CASES = {
    # an endless loop with interrupts masked: the watchdog (watchdog-ms = <500> in hostile.dts.in)
    # stops the VM; a busy loop with interrupts enabled twice as long is progress and survives
    "watchdog": [
        "hostile: busy 1000 ms with interrupts enabled: not stopped",
        "hostile: looping forever with interrupts masked",
        re.compile(rb"\[vm0\] error: hostile-watchdog: watchdog: no exit and interrupts masked for 500 ms; "
                   rb"exit irq-s-timer \(scause 0x8000000000000005\) on vcpu 0 sepc=0x802[0-9a-f]{5} .*; VM stopped"),
    ],
}
