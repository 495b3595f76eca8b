/* trap.h: traps the hypervisor takes itself. A faulting guest access (riscv/guest_access.S)
 * resumes at its fixup and this hart's struct hart records the cause; anything else is a dump
 * and a power-off. */
#ifndef HV_ARCH_TRAP_H
#define HV_ARCH_TRAP_H
#include "arch/this_hart.h"

/* Forgets any earlier fixup on this hart; call it before a guest access. */
static inline void trap_fixup_arm(void)
{
	this_hart()->fixup_cause = 0;
}

/* The scause of the fault a guest access since trap_fixup_arm() took, or 0 when it did not fault. */
static inline unsigned long trap_fixup_cause(void)
{
	return this_hart()->fixup_cause;
}

#endif
