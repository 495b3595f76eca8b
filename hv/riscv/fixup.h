/* fixup.h: the table of instructions that may fault on a guest address (guest_access.S fills it). */
#ifndef HV_RISCV_FIXUP_H
#define HV_RISCV_FIXUP_H

/* The address to resume at when the instruction at pc traps, or 0 when that pc may not trap. */
unsigned long trap_fixup_lookup(unsigned long pc);

#endif
