/* vcpu_arch.c: H-extension CSR set-up per hart, and loading/saving a vCPU's VS-level state. */
#include <stddef.h>
#include "riscv/csr.h"
#include "arch/this_hart.h"
#include "arch/world_switch.h"
#include "riscv/guest_access.h"
#include "arch/vcpu_arch.h"
#include "vm/verdict.h"
#include "vm/vm.h"

_Static_assert(offsetof(struct vcpu, sepc) == VCPU_OFF_SEPC, "world_switch.S layout");
_Static_assert(offsetof(struct vcpu, sstatus) == VCPU_OFF_SSTATUS, "world_switch.S layout");
_Static_assert(offsetof(struct vcpu, hstatus) == VCPU_OFF_HSTATUS, "world_switch.S layout");
_Static_assert(offsetof(struct vcpu, scause) == VCPU_OFF_SCAUSE, "world_switch.S layout");
_Static_assert(offsetof(struct vcpu, htinst) == VCPU_OFF_HTINST, "world_switch.S layout");
_Static_assert(offsetof(struct vcpu, host) == VCPU_OFF_HOST, "world_switch.S layout");
_Static_assert(offsetof(struct vcpu, fp) == VCPU_OFF_FP, "world_switch.S layout");
_Static_assert(offsetof(struct vcpu, req.pending) == VCPU_OFF_REQ && sizeof(((struct vcpu *)0)->req.pending) == 4,
	       "world_switch.S layout");
_Static_assert(EXIT_CONTINUE == 0, "world_switch.S resumes the guest on 0");
_Static_assert(offsetof(struct vcpu, stval) == VCPU_OFF_STVAL && offsetof(struct vcpu, htval) == VCPU_OFF_HTVAL,
	       "world_switch.S layout");

/* Exceptions the guest handles itself (design.md): misaligned, breakpoint, U-ecall, its page faults. */
#define HEDELEG_GUEST ((1UL << CAUSE_MISALIGNED_FETCH) | (1UL << CAUSE_BREAKPOINT) | \
		       (1UL << CAUSE_MISALIGNED_LOAD) | (1UL << CAUSE_MISALIGNED_STORE) | \
		       (1UL << CAUSE_USER_ECALL) | (1UL << CAUSE_FETCH_PAGE_FAULT) | \
		       (1UL << CAUSE_LOAD_PAGE_FAULT) | (1UL << CAUSE_STORE_PAGE_FAULT))

bool arch_has_sstc;

int arch_h_init(bool has_sstc)
{
	arch_has_sstc = has_sstc;
	csr_write(CSR_HEDELEG, HEDELEG_GUEST);
	csr_write(CSR_HIDELEG, VS_INTERRUPTS);
	csr_write(CSR_HCOUNTEREN, HCOUNTEREN_CY | HCOUNTEREN_TM | HCOUNTEREN_IR);
	csr_write(CSR_HENVCFG, has_sstc ? HENVCFG_STCE : 0);
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	csr_write(CSR_HGATP, HGATP_VMID_MASK << HGATP_VMID_SHIFT);
	unsigned long vmid = (csr_read(CSR_HGATP) >> HGATP_VMID_SHIFT) & HGATP_VMID_MASK;
	csr_write(CSR_HGATP, 0);
	hfence_gvma_all();
	int bits = 0;
	while (vmid & (1UL << bits))
		bits++;
	return bits;
}

void vcpu_arch_reset(struct vcpu *v, uint64_t entry, uint64_t arg1)
{
	vcpu_arch_forget(v);   /* nothing stale may stay on the hart */
	for (int i = 0; i < 32; i++)
		v->x[i] = 0;
	v->x[10] = (uint64_t)v->id;
	v->x[11] = arg1;
	v->sepc = entry;
	/* sret lands in VS-mode: SPP=1 with SPV=1; the guest starts with its FPU Initial */
	v->sstatus = SSTATUS_SPP | SSTATUS_FS_INITIAL;
	v->hstatus = (csr_read(CSR_HSTATUS) & ~(HSTATUS_GVA | HSTATUS_VTSR | HSTATUS_VTVM | HSTATUS_HU)) |
		     HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW;
	v->vs = (struct vcpu_vs_csrs){ .vsstatus = SSTATUS_FS_INITIAL, .vstimecmp = UINT64_MAX };
	v->timer_deadline = UINT64_MAX;
	vcpu_request_clear(&v->req);
	for (int i = 0; i < 33; i++)
		v->fp[i] = 0;
}

static void load_fpu(struct hart *h, struct vcpu *v)
{
	struct vcpu *fpu_owner = h->fpu_owner;
	if (fpu_owner == v)
		return;
	if (fpu_owner && (fpu_owner->sstatus & SSTATUS_FS) == SSTATUS_FS_DIRTY) {
		fp_save(fpu_owner->fp);
		fpu_owner->sstatus = (fpu_owner->sstatus & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
	}
	fp_restore(v->fp);
	if ((v->sstatus & SSTATUS_FS) == SSTATUS_FS_DIRTY)
		v->sstatus = (v->sstatus & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
	h->fpu_owner = v;
}

void vcpu_arch_load(struct vcpu *v)
{
	struct hart *h = this_hart();
	load_fpu(h, v);
	if (h->loaded == v)
		return;
	if (h->loaded)
		vcpu_arch_put(h->loaded);
	csr_write(CSR_VSSTATUS, v->vs.vsstatus);
	csr_write(CSR_VSIE, v->vs.vsie);
	csr_write(CSR_VSTVEC, v->vs.vstvec);
	csr_write(CSR_VSSCRATCH, v->vs.vsscratch);
	csr_write(CSR_VSEPC, v->vs.vsepc);
	csr_write(CSR_VSCAUSE, v->vs.vscause);
	csr_write(CSR_VSTVAL, v->vs.vstval);
	csr_write(CSR_VSATP, v->vs.vsatp);
	csr_write(CSR_HTIMEDELTA, v->vm->htimedelta);
	if (arch_has_sstc)
		csr_write(CSR_VSTIMECMP, v->vs.vstimecmp);
	csr_write(CSR_HVIP, v->vs.hvip);
	csr_write(CSR_HGATP, gstage_hgatp(&v->vm->gstage));
	hfence_gvma_vmid(v->vm->gstage.vmid);
	hfence_vvma_all();
	v->loaded = true;
	h->loaded = v;
}

void vcpu_arch_put(struct vcpu *v)
{
	struct hart *h = this_hart();
	if (h->loaded != v)
		return;
	v->vs.vsstatus = csr_read(CSR_VSSTATUS);
	v->vs.vsie = csr_read(CSR_VSIE);
	v->vs.vstvec = csr_read(CSR_VSTVEC);
	v->vs.vsscratch = csr_read(CSR_VSSCRATCH);
	v->vs.vsepc = csr_read(CSR_VSEPC);
	v->vs.vscause = csr_read(CSR_VSCAUSE);
	v->vs.vstval = csr_read(CSR_VSTVAL);
	v->vs.vsatp = csr_read(CSR_VSATP);
	if (arch_has_sstc)
		v->vs.vstimecmp = csr_read(CSR_VSTIMECMP);
	v->vs.hvip = csr_read(CSR_HVIP);
	v->loaded = false;
	h->loaded = NULL;
}

void vcpu_arch_access_as_guest(const struct vcpu *v)
{
	if (v->sstatus & SSTATUS_SPP)
		csr_set(CSR_HSTATUS, HSTATUS_SPVP);
	else
		csr_clear(CSR_HSTATUS, HSTATUS_SPVP);
}

void vcpu_arch_forget(struct vcpu *v)
{
	vcpu_arch_put(v);
	if (this_hart()->fpu_owner == v)
		this_hart()->fpu_owner = NULL;
}

uint64_t vcpu_arch_pending_enabled(struct vcpu *v)
{
	uint64_t now = csr_read(CSR_TIME) + v->vm->htimedelta;
	uint64_t pending, enabled;
	if (v->loaded) {
		pending = csr_read(CSR_HIP) & VS_INTERRUPTS;
		pending = vcpu_request_irq_view(&v->req, pending);
		enabled = csr_read(CSR_HIE) & VS_INTERRUPTS;
	} else {
		pending = v->vs.hvip & VS_INTERRUPTS;
		if (arch_has_sstc && now >= v->vs.vstimecmp)
			pending |= MIP_VSTIP;
		enabled = (v->vs.vsie << 1) & VS_INTERRUPTS;   /* vsie holds them at the S positions */
	}
	if (now >= v->timer_deadline)
		pending |= MIP_VSTIP;
	return pending & enabled;
}

/* ---- requests, carried out by the hart that has v loaded ---- */

static void apply_fences(struct vcpu *v, const struct vcpu_request *r)
{
	if (r->pending & VCPU_REQ_FENCE_I)
		__asm__ volatile("fence.i" ::: "memory");
	/* one ASID or one range would do; all of them is always correct (vcpu_request.h) */
	if (r->pending & VCPU_REQ_SFENCE_VMA)
		hfence_vvma_all();
	if (r->pending & VCPU_REQ_HFENCE_GVMA)
		hfence_gvma_vmid(v->vm->gstage.vmid);
}

uint32_t vcpu_arch_apply_requests(struct vcpu *v)
{
	struct vcpu_request r = vcpu_request_take(&v->req);
	if (r.pending & VCPU_REQ_STOP)
		return VCPU_REQ_STOP;
	if (r.pending & VCPU_REQ_IRQ) {
		csr_set(CSR_HVIP, r.irq_lines & r.irq_levels);
		csr_clear(CSR_HVIP, r.irq_lines & ~r.irq_levels);
	}
	apply_fences(v, &r);
	return r.pending & VCPU_REQ_TIMER;
}

/* ---- the timer of the vCPU this hart runs ---- */

void vcpu_arch_set_vstimecmp(struct vcpu *v, uint64_t stime)
{
	if (v->loaded)
		csr_write(CSR_VSTIMECMP, stime);
	else
		v->vs.vstimecmp = stime;
}

void vcpu_arch_set_timer_irq(struct vcpu *v, bool level)
{
	if (!v->loaded) {
		vcpu_request_irq(&v->req, MIP_VSTIP, level);
		return;
	}
	if (level)
		csr_set(CSR_HVIP, MIP_VSTIP);
	else
		csr_clear(CSR_HVIP, MIP_VSTIP);
}

uint64_t vcpu_arch_timer_enabled(const struct vcpu *v)
{
	return (v->loaded ? csr_read(CSR_HIE) : (v->vs.vsie << 1)) & MIP_VSTIP;
}

uint64_t vcpu_arch_vstimecmp(const struct vcpu *v)
{
	return v->loaded ? csr_read(CSR_VSTIMECMP) : v->vs.vstimecmp;
}
