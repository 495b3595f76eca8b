/* watchdog.c: a guest that never gives the hart back: an endless loop with interrupts masked and no
 * exit. The hypervisor's own timer keeps control and its watchdog stops the VM after the 500 ms of
 * configs/hostile.dts.in, naming the period and sepc. A busy loop with interrupts enabled, as long
 * as the period twice over, comes first: that is progress and must not be stopped. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define TIMEBASE_HZ 10000000UL   /* QEMU virt */

static void spin_ms(unsigned long ms)
{
	unsigned long end = rdtime() + ms * (TIMEBASE_HZ / 1000);
	while (rdtime() < end)
		;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));   /* sie is 0: nothing will come */
	spin_ms(1000);
	printf("hostile: busy 1000 ms with interrupts enabled: not stopped\n");
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	printf("hostile: looping forever with interrupts masked\n");
	for (;;)
		__asm__ volatile("" ::: "memory");
}
