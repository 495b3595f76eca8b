"""Hostile cases that attack the SBI server, the emulated devices and the scheduler: hostile SBI
arguments, exit storms, a guest that never gives control back, odd accesses to every device."""

CASES = {
}
