/* sbi_call.c: the ecall wrapper the hypervisor uses to reach OpenSBI. */
#include "riscv/sbi_call.h"

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a1 __asm__("a1") = a1;
	register unsigned long r_a2 __asm__("a2") = a2;
	register unsigned long r_a6 __asm__("a6") = fid;
	register unsigned long r_a7 __asm__("a7") = ext;
	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a6), "r"(r_a7)
			 : "memory");
	return (struct sbiret){ (long)r_a0, (long)r_a1 };
}

void sbi_legacy_putchar(int c)
{
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned long)c, 0, 0);
}

void sbi_set_timer(unsigned long stime)
{
	sbi_call(SBI_EXT_TIME, 0, stime, 0, 0);
}

void sbi_poweroff(void)
{
	sbi_call(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, 0, 0);
	sbi_call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}
