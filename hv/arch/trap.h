/* trap.h: the hypervisor's own trap handling and the fixup table for faulting guest accesses. */
#ifndef HV_ARCH_TRAP_H
#define HV_ARCH_TRAP_H

/* scause of the last trap that a fixup absorbed (0 when none); read and cleared by the caller. */
extern volatile unsigned long trap_fixup_fired;

/* The fixup address for a trapping pc, or 0 when that pc may not trap. */
unsigned long trap_fixup_lookup(unsigned long pc);
const char *trap_cause_name(unsigned long scause);

#endif
