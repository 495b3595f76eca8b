/* irq.c: host interrupts taken while a guest runs (the hypervisor's timer, and anything else), and
 * the VS-level interrupts the hypervisor raises for its vCPUs. */
#include "arch/csr.h"
#include "core/exit.h"
#include "core/log.h"
#include "core/vcpu_irq.h"
#include "core/vtimer.h"

enum exit_result irq_handle(struct vcpu *v, struct exit_info *info)
{
	unsigned long code = v->scause & ~CAUSE_INTERRUPT_FLAG;
	info->action = ACT_IRQ;
	if (code == IRQ_S_TIMER)
		return vtimer_host_tick(v) ? EXIT_YIELD : EXIT_CONTINUE;
	/* nothing else is enabled in sie; mask it so it cannot storm */
	log_warn("unexpected interrupt %lu while vm%d ran; masked", code, v->vm->id);
	csr_clear(CSR_SIE, 1UL << code);
	return EXIT_CONTINUE;
}

/* A loaded vCPU's pending bits live in hvip; another's in its saved copy, merged in when it loads. */
void vcpu_raise_vs_irq(struct vcpu *v, uint64_t bits)
{
	if (v->loaded)
		csr_set(CSR_HVIP, bits);
	else
		v->pending_vsip |= bits;
}

void vcpu_clear_vs_irq(struct vcpu *v, uint64_t bits)
{
	if (v->loaded)
		csr_clear(CSR_HVIP, bits);
	v->vs.hvip &= ~bits;
	v->pending_vsip &= ~bits;
}

void vcpu_set_vs_irq(struct vcpu *v, uint64_t bits, bool level)
{
	if (level)
		vcpu_raise_vs_irq(v, bits);
	else
		vcpu_clear_vs_irq(v, bits);
}
