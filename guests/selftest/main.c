/* main.c: the selftest guest: runs every check of what a correct hypervisor provides, prints a
 * summary, and, when everything passed, stores outside its RAM (the hypervisor must stop it). */
#include <stdarg.h>
#include <stdio.h>
#include "lib/console.h"
#include "lib/guest.h"
#include "selftest.h"

static int passed, failed;
volatile struct trap_seen trap_seen;

void check(const char *name, bool ok, const char *fmt, ...)
{
	if (ok) {
		check_ok(name);
		return;
	}
	failed++;
	printf("selftest: %s FAILED (", name);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(")\n");
}

void check_ok(const char *name)
{
	passed++;
	printf("selftest: %s ok\n", name);
}

int checks_passed(void)
{
	return passed;
}

int checks_failed(void)
{
	return failed;
}

void trap_seen_reset(void)
{
	trap_seen.count = 0;
	trap_seen.scause = trap_seen.sepc = trap_seen.stval = 0;
}

void trap_seen_record(const struct guest_trap_frame *f)
{
	trap_seen.scause = f->scause;
	trap_seen.sepc = f->sepc;
	trap_seen.stval = f->stval;
	trap_seen.count++;
}

bool wait_for_flag(volatile unsigned long *flag, unsigned long timeout)
{
	unsigned long start = rdtime();

	while (*flag == 0)
		if (rdtime() - start > timeout)
			return false;
	return true;
}

/* Not a check: the cost of a null SBI call round trip in timebase ticks (with QEMU -icount shift=0,
 * one tick of the 10 MHz timebase is 100 instructions). */
static void measure_null_sbi_call(void)
{
	enum { CALLS = 1000 };
	unsigned long start = rdtime();
	for (int i = 0; i < CALLS; i++)
		sbi_get_spec_version();
	unsigned long ticks = rdtime() - start;
	printf("selftest: measure null-sbi-call %lu ticks per %d calls\n", ticks, CALLS);
}

static void store_outside_ram(void)
{
	printf("selftest: now storing outside RAM\n");
	console_flush();
	*(volatile unsigned long *)SELFTEST_OUTSIDE_RAM = 0x5e1f7e57UL;
	printf("selftest: store outside RAM was not stopped\n");
}

int main(unsigned long hartid, unsigned long dtb)
{
	printf("selftest: hart %lu, dtb 0x%lx, console through %s\n", hartid, dtb,
	       console_uses_dbcn() ? "DBCN" : "legacy putchar");
	check_base();
	check_dbcn();
	check_time(hartid);
	check_ipi(hartid);
	check_sv39_faults();
	check_illegal_instruction();
	check_hsm(hartid);
	measure_null_sbi_call();
	printf("selftest: %d passed, %d failed\n", passed, failed);
	if (failed)
		return 1;
	store_outside_ram();
	return 1;
}
