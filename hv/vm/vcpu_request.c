/* vcpu_request.c: the request word (see vcpu_request.h for its semantics). */
#include "vm/vcpu_request.h"

void vcpu_request_irq(struct vcpu_request *r, uint64_t lines, bool level)
{
	r->irq_lines |= lines;
	if (level)
		r->irq_levels |= lines;
	else
		r->irq_levels &= ~lines;
	r->pending |= VCPU_REQ_IRQ;
}

void vcpu_request_fence_i(struct vcpu_request *r)
{
	r->pending |= VCPU_REQ_FENCE_I;
}

void vcpu_request_sfence_vma(struct vcpu_request *r, long asid, uint64_t start, uint64_t size)
{
	uint64_t end = start + size;
	if (size == -1UL || end <= start)
		start = end = 0;                 /* every address */
	if (!(r->pending & VCPU_REQ_SFENCE_VMA)) {
		r->sfence_asid = asid;
		r->sfence_start = start;
		r->sfence_end = end;
		r->pending |= VCPU_REQ_SFENCE_VMA;
		return;
	}
	/* widen to cover both: another ASID means all of them, another range the covering one */
	if (r->sfence_asid != asid)
		r->sfence_asid = VCPU_REQ_ALL_ASIDS;
	if (r->sfence_end == 0 || end == 0) {
		r->sfence_start = r->sfence_end = 0;
		return;
	}
	if (start < r->sfence_start)
		r->sfence_start = start;
	if (end > r->sfence_end)
		r->sfence_end = end;
}

void vcpu_request_hfence_gvma(struct vcpu_request *r)
{
	r->pending |= VCPU_REQ_HFENCE_GVMA;
}

void vcpu_request_timer(struct vcpu_request *r)
{
	r->pending |= VCPU_REQ_TIMER;
}

void vcpu_request_stop(struct vcpu_request *r)
{
	r->pending |= VCPU_REQ_STOP;
}

void vcpu_request_clear(struct vcpu_request *r)
{
	*r = (struct vcpu_request){ 0 };
}

struct vcpu_request vcpu_request_take(struct vcpu_request *r)
{
	struct vcpu_request taken = *r;
	vcpu_request_clear(r);
	if (taken.pending & VCPU_REQ_STOP)
		taken = (struct vcpu_request){ .pending = VCPU_REQ_STOP };
	return taken;
}

uint64_t vcpu_request_irq_view(const struct vcpu_request *r, uint64_t hvip)
{
	if (!(r->pending & VCPU_REQ_IRQ))
		return hvip;
	return (hvip & ~r->irq_lines) | (r->irq_levels & r->irq_lines);
}
