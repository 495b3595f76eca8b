/* sbi_hsm.c: SBI HSM with hostile arguments in a 2-vCPU VM: start harts that do not exist (2,
 * 1000, -1: INVALID_PARAM), start at an address outside RAM, in a device or odd (INVALID_ADDRESS),
 * start a started hart (ALREADY_AVAILABLE), status of harts that do not exist (INVALID_PARAM),
 * suspend (not offered: NOT_SUPPORTED), then a good start/stop/restart. Last, the boot hart stops
 * itself with no other hart running: nothing can ever start one again, so the hypervisor stops
 * the VM with a diagnostic instead of keeping a dead VM. */
#include <stdio.h>
#include "hostile/common/devices.h"
#include "hostile/common/hostile.h"

static volatile unsigned long secondary_runs;

void secondary_main(unsigned long hartid, unsigned long opaque)
{
	printf("hostile: hart %lu started with opaque 0x%lx\n", hartid, opaque);
	secondary_runs++;
}

static void hsm(const char *what, unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
	hostile_sbi(what, SBI_EXT_HSM, fid, a0, a1, a2, 0, 0);
}

static void wait_stopped(unsigned long hart)
{
	while (sbi_hart_get_status(hart).value != SBI_HSM_STATE_STOPPED)
		;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	const unsigned long entry = (unsigned long)_secondary_start;
	hsm("start hart 2", SBI_HSM_HART_START, 2, entry, 0);
	hsm("start hart 1000", SBI_HSM_HART_START, 1000, entry, 0);
	hsm("start hart -1", SBI_HSM_HART_START, -1UL, entry, 0);
	hsm("start hart 1 at 0x1000", SBI_HSM_HART_START, 1, 0x1000, 0);
	hsm("start hart 1 in the uart", SBI_HSM_HART_START, 1, HOSTILE_UART, 0);
	hsm("start hart 1 at ram end", SBI_HSM_HART_START, 1, HOSTILE_RAM_BASE + HOSTILE_RAM_SIZE, 0);
	hsm("start hart 1 at -1", SBI_HSM_HART_START, 1, -1UL, 0);
	hsm("start hart 1 at an odd address", SBI_HSM_HART_START, 1, entry + 1, 0);
	hsm("start hart 0 (running)", SBI_HSM_HART_START, 0, entry, 0);
	hsm("status hart 2", SBI_HSM_HART_GET_STATUS, 2, 0, 0);
	hsm("status hart -1", SBI_HSM_HART_GET_STATUS, -1UL, 0, 0);
	hsm("status hart 1 (never started)", SBI_HSM_HART_GET_STATUS, 1, 0, 0);
	hsm("suspend", SBI_HSM_HART_SUSPEND, 0, 0, 0);
	hsm("unknown fid 4", 4, 0, 0, 0);
	for (int round = 0; round < 2; round++) {
		hsm("start hart 1", SBI_HSM_HART_START, 1, entry, 0x1234);
		wait_stopped(1);
		printf("hostile: hart 1 stopped again after %lu run(s)\n", secondary_runs);
	}
	printf("hostile: boot hart stops itself\n");
	sbi_hart_stop();
	printf("hostile: hart_stop RETURNED\n");
	hostile_done("sbi_hsm");
}
