/* vtimer.c: guest timers (vstimecmp with Sstc, else multiplexed on the hypervisor's timer and
 * injected through hvip.VSTIP) and the hart's own deadlines (time slice, sleep), kept in its
 * struct hart. Every function here acts on this hart and the vCPU it runs. */
#include "arch/this_hart.h"
#include "arch/vcpu_arch.h"
#include "base/host_dtb.h"
#include "base/limits.h"
#include "arch/vtimer.h"
#include "riscv/csr.h"
#include "riscv/sbi_call.h"
#include "vm/vm.h"

uint64_t vtimer_now(void)
{
	return csr_read(CSR_TIME);
}

static void host_timer_program(struct hart *h)
{
	uint64_t next = h->slice_deadline < h->guest_deadline ? h->slice_deadline : h->guest_deadline;
	sbi_set_timer(next);
	if (next == UINT64_MAX)
		csr_clear(CSR_SIE, MIP_STIP);
	else
		csr_set(CSR_SIE, MIP_STIP);
}

void vtimer_set(struct vcpu *v, uint64_t stime)
{
	if (arch_has_sstc) {
		vcpu_arch_set_vstimecmp(v, stime);
		return;
	}
	v->timer_deadline = stime;
	vcpu_arch_set_timer_irq(v, false);
	vtimer_reload(v);
}

void vtimer_reload(struct vcpu *v)
{
	if (arch_has_sstc)
		return;
	struct hart *h = this_hart();
	h->guest_deadline = v->timer_deadline == UINT64_MAX ? UINT64_MAX : v->timer_deadline - v->vm->htimedelta;
	host_timer_program(h);
}

uint64_t vtimer_wake_deadline(struct vcpu *v)
{
	if (!vcpu_arch_timer_enabled(v))
		return UINT64_MAX;
	uint64_t guest = arch_has_sstc ? vcpu_arch_vstimecmp(v) : v->timer_deadline;
	return guest == UINT64_MAX ? UINT64_MAX : guest - v->vm->htimedelta;
}

void vtimer_set_slice(uint64_t deadline)
{
	struct hart *h = this_hart();
	h->slice_deadline = deadline;
	host_timer_program(h);
}

void vtimer_ensure_slice(void)
{
	if (this_hart()->slice_deadline == UINT64_MAX)
		vtimer_set_slice(vtimer_now() + SCHED_SLICE_US * (host.timebase_hz / 1000000));
}

bool vtimer_host_tick(struct vcpu *v)
{
	struct hart *h = this_hart();
	uint64_t now = vtimer_now();
	bool slice_over = now >= h->slice_deadline;
	if (slice_over)
		h->slice_deadline = UINT64_MAX;
	if (!arch_has_sstc && now + v->vm->htimedelta >= v->timer_deadline) {
		vcpu_arch_set_timer_irq(v, true);
		v->timer_deadline = UINT64_MAX;
		h->guest_deadline = UINT64_MAX;
	}
	host_timer_program(h);
	return slice_over;
}

void vtimer_sleep_until(uint64_t deadline)
{
	struct hart *h = this_hart();
	uint64_t saved = h->slice_deadline;
	h->slice_deadline = deadline;
	host_timer_program(h);
	h->idle = true;
	while (vtimer_now() < deadline)
		__asm__ volatile("wfi");
	h->idle = false;
	h->slice_deadline = saved;
	host_timer_program(h);
}
