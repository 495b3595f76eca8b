/* irq.c: host interrupts taken while a guest runs (the hypervisor's timer, and anything else). */
#include "riscv/csr.h"
#include "core/irq.h"
#include "base/log.h"
#include "arch/vtimer.h"

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
