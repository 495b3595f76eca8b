/* sbi_time.c: the SBI Timer extension (TIME): set_timer programs the calling vCPU's timer. */
#include "emul/sbi.h"

#define SBI_TIME_SET_TIMER 0

static enum sbi_outcome sbi_time_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
					const unsigned long *args, struct sbiret *ret)
{
	(void)eid;
	if (fid != SBI_TIME_SET_TIMER)
		return sbi_fail(ret, SBI_ERR_NOT_SUPPORTED);
	sbi_host_set_timer(v, args[0]);   /* RV64: the whole stime_value is in a0 */
	return SBI_RESUME;
}

const struct sbi_extension sbi_ext_time = {
	.eid_start = SBI_EXT_TIME,
	.eid_end = SBI_EXT_TIME,
	.name = "time",
	.handle = sbi_time_handle,
	.legacy = false,
};
