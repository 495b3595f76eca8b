/* exit_storm.c: an exit storm: 10^6 SBI calls back to back. Each is one exit; the hypervisor must
 * answer every one correctly (no lost or corrupted return value), keep no per-exit state that
 * grows, and the VM runs to its end (the watchdog sees progress at every exit). */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define STORM_CALLS 1000000UL

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	unsigned long wrong = 0, t0 = rdtime();
	for (unsigned long i = 0; i < STORM_CALLS; i++) {
		/* probe answers 1 for BASE and 0 for an id that changes every call */
		struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, i & 1 ? SBI_EXT_BASE : 0x7f000000 + i,
					   0, 0, 0, 0, 0);
		wrong += r.error != 0 || r.value != (long)(i & 1);
	}
	printf("hostile: exit storm: %lu ecalls, %lu wrong answers, %lu ms\n", STORM_CALLS, wrong,
	       (rdtime() - t0) / 10000);
	hostile_done("exit_storm");
}
