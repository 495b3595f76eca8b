/* sbi_timer.c: SBI set_timer at the edges. A deadline in the past (0, and 1 tick ago) must raise
 * the timer interrupt at once; UINT64_MAX (and UINT64_MAX - 1, beyond any uptime) must never raise
 * it and must clear one that is pending; a deadline 20 ms ahead fires no earlier than that. The same
 * for the legacy set_timer (eid 0). The guest counts the interrupts it takes. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define TICKS_PER_MS 10000UL   /* QEMU virt: 10 MHz */

static volatile unsigned long ticks, tick_time;

static bool timer_handler(struct guest_trap_frame *f)
{
	if (f->scause != (CAUSE_INTERRUPT_FLAG | IRQ_S_TIMER))
		return false;
	ticks++;
	tick_time = rdtime();
	sbi_set_timer(-1UL);   /* acknowledge: no deadline */
	return true;
}

/* Interrupts on for ms milliseconds; returns how many timer interrupts came. */
static unsigned long window(unsigned long ms)
{
	unsigned long before = ticks, end = rdtime() + ms * TICKS_PER_MS;
	__asm__ volatile("csrs sstatus, %0" : : "r"(SSTATUS_SIE));
	while (rdtime() < end && ticks == before)
		;
	__asm__ volatile("csrc sstatus, %0" : : "r"(SSTATUS_SIE));
	return ticks - before;
}

static void deadline(const char *what, unsigned long eid, unsigned long stime, unsigned long ms)
{
	struct sbiret r = sbi_call(eid, SBI_TIME_SET_TIMER, stime, 0, 0, 0, 0, 0);
	/* legacy calls return only a0 */
	printf("hostile: %s: error %ld, %lu interrupt(s) in %lu ms\n", what, r.error, window(ms), ms);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	guest_set_trap_handler(timer_handler);
	__asm__ volatile("csrs sie, %0" : : "r"(MIP_STIP));
	deadline("set_timer UINT64_MAX", SBI_EXT_TIME, -1UL, 100);
	deadline("set_timer UINT64_MAX-1", SBI_EXT_TIME, -2UL, 100);
	deadline("set_timer 0", SBI_EXT_TIME, 0, 100);
	deadline("set_timer 1 tick ago", SBI_EXT_TIME, rdtime() - 1, 100);
	/* pending, then cleared by a far deadline before interrupts are enabled */
	sbi_set_timer(0);
	deadline("set_timer 0 then UINT64_MAX", SBI_EXT_TIME, -1UL, 100);
	unsigned long t0 = rdtime();
	deadline("set_timer +20 ms", SBI_EXT_TIME, t0 + 20 * TICKS_PER_MS, 500);
	printf("hostile: +20 ms deadline came %s\n", tick_time >= t0 + 20 * TICKS_PER_MS ? "on time" : "EARLY");
	deadline("legacy set_timer 0", SBI_EXT_LEGACY_SET_TIMER, 0, 100);
	deadline("legacy set_timer UINT64_MAX", SBI_EXT_LEGACY_SET_TIMER, -1UL, 100);
	hostile_sbi("set_timer unknown fid 1", SBI_EXT_TIME, 1, 0, 0, 0, 0, 0);
	printf("hostile: after it: %lu interrupt(s) in 100 ms\n", window(100));
	hostile_done("sbi_timer");
}
