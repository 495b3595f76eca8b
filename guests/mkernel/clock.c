/* clock.c: time for the process: the `time` CSR (rdtime) counted at the DTB's timebase, turned into
 * struct timespec values, and sleeping until a deadline with an SBI timer and wfi. */
#include "lib/csr.h"
#include "lib/sbi.h"
#include "kernel.h"

#define NSEC_PER_SEC 1000000000ULL

static uint64_t timebase_hz = 10000000;   /* QEMU virt's; replaced by the DTB's */

void clock_init(uint64_t hz)
{
	timebase_hz = hz;
}

uint64_t clock_ticks(void)
{
	return rdtime();
}

void clock_ticks_to_timespec(uint64_t ticks, int64_t *sec, int64_t *nsec)
{
	*sec = (int64_t)(ticks / timebase_hz);
	*nsec = (int64_t)((ticks % timebase_hz) * NSEC_PER_SEC / timebase_hz);
}

uint64_t clock_timespec_to_ticks(int64_t sec, int64_t nsec)
{
	if ((uint64_t)sec > UINT64_MAX / 2 / timebase_hz)
		return UINT64_MAX / 2;
	return (uint64_t)sec * timebase_hz +
	       ((uint64_t)nsec * timebase_hz + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
}

/* sstatus.SIE stays 0: wfi wakes on the pending, enabled (sie.STIE) timer interrupt without the
 * kernel taking it, and setting the timer to the far future clears it again. */
void clock_sleep_ticks(uint64_t ticks)
{
	uint64_t deadline = clock_ticks() + ticks;
	bool timer = sbi_set_timer(deadline).error == 0;

	if (timer)
		csr_set(CSR_SIE, MIP_STIP);
	while (clock_ticks() < deadline) {
		if (timer)
			wfi();
	}
	if (timer) {
		csr_clear(CSR_SIE, MIP_STIP);
		sbi_set_timer(~0UL);
	}
}
