/* checks_hsm.c: SBI HSM on a 2-vCPU VM: the other hart starts stopped, starts at
 * _secondary_start with its opaque value, reports in, stops itself; bad starts are refused. */
#include "lib/guest.h"
#include "selftest.h"

#define HSM_OPAQUE  0x5e1f7e57c0ffee00UL
#define HSM_NO_HART 7UL

static volatile unsigned long secondary_opaque, secondary_hartid;

/* The started hart (runtime: own stack and TLS; hart_stop when this returns). Prints nothing. */
void secondary_main(unsigned long hartid, unsigned long opaque)
{
	secondary_hartid = hartid;
	__asm__ volatile("fence rw, rw" ::: "memory");
	secondary_opaque = opaque;
}

static bool wait_for_status(unsigned long hartid, long status, unsigned long timeout)
{
	unsigned long start = rdtime();
	for (;;) {
		struct sbiret r = sbi_hart_get_status(hartid);
		if (r.error == 0 && r.value == status)
			return true;
		if (rdtime() - start > timeout)
			return false;
	}
}

static void check_hsm_initially_stopped(unsigned long other)
{
	struct sbiret r = sbi_hart_get_status(other);
	check("hsm_initially_stopped", r.error == 0 && r.value == SBI_HSM_STATE_STOPPED,
	      "get_status(%lu): error %ld, value %ld, want 0, %d", other, r.error, r.value,
	      SBI_HSM_STATE_STOPPED);
}

static void check_hsm_start_stop(unsigned long other)
{
	secondary_opaque = 0;
	secondary_hartid = ~0UL;
	struct sbiret r = sbi_hart_start(other, (unsigned long)_secondary_start, HSM_OPAQUE);
	if (r.error) {
		check("hsm_start", false, "hart_start(%lu): error %ld", other, r.error);
		return;
	}
	bool ran = wait_for_flag(&secondary_opaque, SELFTEST_TIMEOUT);
	__asm__ volatile("fence rw, rw" ::: "memory");
	check("hsm_start", ran && secondary_opaque == HSM_OPAQUE && secondary_hartid == other,
	      "%s: a0 %lu (want %lu), a1 0x%lx (want 0x%lx)",
	      ran ? "ran" : "the hart did not run within 1 s", secondary_hartid, other,
	      secondary_opaque, HSM_OPAQUE);
	bool stopped = wait_for_status(other, SBI_HSM_STATE_STOPPED, SELFTEST_TIMEOUT);
	check("hsm_stop", stopped, "hart %lu not STOPPED within 1 s of hart_stop (status %ld)", other,
	      sbi_hart_get_status(other).value);
}

static void check_hsm_bad_starts(unsigned long self)
{
	struct sbiret r = sbi_hart_start(self, (unsigned long)_secondary_start, 0);
	check("hsm_start_self", r.error == SBI_ERR_ALREADY_AVAILABLE,
	      "hart_start(%lu) of the running hart: error %ld, want %d", self, r.error,
	      SBI_ERR_ALREADY_AVAILABLE);
	r = sbi_hart_start(HSM_NO_HART, (unsigned long)_secondary_start, 0);
	check("hsm_start_no_hart", r.error == SBI_ERR_INVALID_PARAM,
	      "hart_start(%lu): error %ld, want %d", HSM_NO_HART, r.error, SBI_ERR_INVALID_PARAM);
	r = sbi_hart_get_status(HSM_NO_HART);
	check("hsm_status_no_hart", r.error == SBI_ERR_INVALID_PARAM,
	      "get_status(%lu): error %ld, want %d", HSM_NO_HART, r.error, SBI_ERR_INVALID_PARAM);
}

void check_hsm(unsigned long hartid)
{
	unsigned long other = hartid == 0 ? 1 : 0;   /* the VM has SELFTEST_NVCPUS = 2 */

	check_hsm_initially_stopped(other);
	check_hsm_start_stop(other);
	check_hsm_bad_starts(hartid);
}
