/* vtimer.c: guest timers (vstimecmp with Sstc, else multiplexed on the hypervisor's timer and
 * injected through hvip.VSTIP) and the hypervisor's own deadlines. */
#include "arch/csr.h"
#include "arch/sbi_call.h"
#include "arch/vcpu_arch.h"
#include "core/boot.h"
#include "core/sched.h"
#include "core/vm.h"
#include "core/vtimer.h"

static uint64_t slice_deadline = UINT64_MAX;
static uint64_t guest_deadline = UINT64_MAX;   /* host time of the loaded vCPU's non-Sstc timer */

uint64_t vtimer_now(void)
{
	return csr_read(CSR_TIME);
}

static void host_timer_program(void)
{
	uint64_t next = slice_deadline < guest_deadline ? slice_deadline : guest_deadline;
	sbi_set_timer(next);
	if (next == UINT64_MAX)
		csr_clear(CSR_SIE, MIP_STIP);
	else
		csr_set(CSR_SIE, MIP_STIP);
}

void vtimer_set(struct vcpu *v, uint64_t stime)
{
	if (arch_has_sstc) {
		if (v->loaded)
			csr_write(CSR_VSTIMECMP, stime);
		else
			v->vs.vstimecmp = stime;
		return;
	}
	v->timer_deadline = stime;
	if (v->loaded)
		csr_clear(CSR_HVIP, MIP_VSTIP);
	else
		v->vs.hvip &= ~MIP_VSTIP;
	guest_deadline = stime == UINT64_MAX ? UINT64_MAX : stime - v->vm->htimedelta;
	host_timer_program();
}

uint64_t vtimer_wake_deadline(struct vcpu *v)
{
	uint64_t enabled = v->loaded ? csr_read(CSR_HIE) : (v->vs.vsie << 1);
	if (!(enabled & MIP_VSTIP))
		return UINT64_MAX;
	uint64_t guest = arch_has_sstc ? (v->loaded ? csr_read(CSR_VSTIMECMP) : v->vs.vstimecmp)
				       : v->timer_deadline;
	return guest == UINT64_MAX ? UINT64_MAX : guest - v->vm->htimedelta;
}

void vtimer_set_slice(uint64_t deadline)
{
	slice_deadline = deadline;
	host_timer_program();
}

void vtimer_ensure_slice(void)
{
	if (slice_deadline == UINT64_MAX)
		vtimer_set_slice(vtimer_now() + SCHED_SLICE_US * (host.timebase_hz / 1000000));
}

bool vtimer_host_tick(struct vcpu *v)
{
	uint64_t now = vtimer_now();
	bool slice_over = now >= slice_deadline;
	if (slice_over)
		slice_deadline = UINT64_MAX;
	if (!arch_has_sstc && now + v->vm->htimedelta >= v->timer_deadline) {
		csr_set(CSR_HVIP, MIP_VSTIP);
		v->timer_deadline = UINT64_MAX;
		guest_deadline = UINT64_MAX;
	}
	host_timer_program();
	return slice_over;
}

void vtimer_sleep_until(uint64_t deadline)
{
	uint64_t saved = slice_deadline;
	slice_deadline = deadline;
	host_timer_program();
	while (vtimer_now() < deadline)
		__asm__ volatile("wfi");
	slice_deadline = saved;
	host_timer_program();
}
