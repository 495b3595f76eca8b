/* sbi_call.h: calls from the hypervisor down to OpenSBI (M-mode). */
#ifndef HV_RISCV_SBI_CALL_H
#define HV_RISCV_SBI_CALL_H

#include "riscv/sbi_ids.h"

#ifndef __ASSEMBLER__
struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2);
void sbi_legacy_putchar(int c);
void sbi_set_timer(unsigned long stime);
/* Powers the machine off through SRST (legacy shutdown as fallback); never returns. */
void __attribute__((noreturn)) sbi_poweroff(void);
#endif

#endif
