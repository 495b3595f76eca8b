/* watchdog.c: the VM watchdog (see watchdog.h). The scheduler keeps a time slice armed while a VM
 * with a watchdog runs, so the hypervisor's timer samples the guest at least every slice even when
 * the guest never exits and has masked every interrupt it could be stopped with. */
#include "riscv/csr.h"
#include "base/host_dtb.h"
#include "arch/vtimer.h"
#include "core/watchdog.h"

void watchdog_init(struct vm *vm, uint32_t ms)
{
	vm->watchdog_ms = ms;
	vm->watchdog_ticks = (uint64_t)ms * (host.timebase_hz / 1000);
}

void watchdog_resume(struct vcpu *v)
{
	v->watchdog_mark = vtimer_now();
}

void watchdog_progress(struct vcpu *v)
{
	v->watchdog_stuck = 0;
	v->watchdog_mark = vtimer_now();
}

/* A guest in VU-mode, or in VS-mode with sstatus.SIE set, can be taken back by its own interrupts. */
static bool guest_interruptible(const struct vcpu *v)
{
	return !(v->sstatus & SSTATUS_SPP) || (csr_read(CSR_VSSTATUS) & SSTATUS_SIE);
}

enum exit_result watchdog_check(struct vcpu *v, struct exit_info *info, enum exit_result r)
{
	if (!v->vm->watchdog_ticks || r == EXIT_VM_STOPPED)
		return r;
	uint64_t now = vtimer_now();
	bool own_timer = v->scause == (CAUSE_INTERRUPT_FLAG | IRQ_S_TIMER);
	if (!own_timer || guest_interruptible(v))
		v->watchdog_stuck = 0;
	else
		v->watchdog_stuck += now - v->watchdog_mark;
	v->watchdog_mark = now;
	if (v->watchdog_stuck < v->vm->watchdog_ticks)
		return r;
	return vm_fatal(v, info, "watchdog: no exit and interrupts masked for %u ms", v->vm->watchdog_ms);
}
