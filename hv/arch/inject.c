/* inject.c: delivers an exception to the guest the way the hart would without a hypervisor. */
#include "riscv/csr.h"
#include "arch/inject.h"

enum exit_result vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval, struct exit_info *info)
{
	/* An exception at the trap vector's own first instruction re-enters the handler with the same
	 * state every time: that loop can never make progress. (The same pc alone is no proof: an OS may
	 * run one user program after another at one address, each trapping at once.) */
	if (v->sepc == v->last_inject_pc && v->sepc == (csr_read(CSR_VSTVEC) & ~3UL)) {
		if (++v->inject_repeats >= VCPU_MAX_INJECT_REPEATS)
			return vm_fatal(v, info, "trap loop: %u exceptions in a row at the same pc without progress "
					"(vstvec=0x%lx)", v->inject_repeats, csr_read(CSR_VSTVEC));
	} else {
		v->last_inject_pc = v->sepc;
		v->inject_repeats = 0;
	}
	uint64_t vsstatus = csr_read(CSR_VSSTATUS);
	bool from_vs = v->sstatus & SSTATUS_SPP;   /* the privilege the guest trapped from */
	vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);
	if (from_vs)
		vsstatus |= SSTATUS_SPP;
	if (csr_read(CSR_VSSTATUS) & SSTATUS_SIE)
		vsstatus |= SSTATUS_SPIE;
	csr_write(CSR_VSSTATUS, vsstatus);
	csr_write(CSR_VSEPC, v->sepc);
	csr_write(CSR_VSCAUSE, cause);
	csr_write(CSR_VSTVAL, tval);
	v->sepc = csr_read(CSR_VSTVEC) & ~3UL;
	v->sstatus |= SSTATUS_SPP;          /* the handler runs in VS-mode */
	v->hstatus |= HSTATUS_SPVP;
	info->action = ACT_INJECTED;
	info->value = cause;
	return EXIT_CONTINUE;
}
