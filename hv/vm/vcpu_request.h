/* vcpu_request.h: the request word: what others ask of a vCPU (an interrupt line set to a level,
 * a fence, a new look at its timer, a stop), which only the hart that owns the vCPU carries out,
 * before it enters the guest. Nothing outside hv/arch/ touches the CSRs of a vCPU; a hart that is
 * not running it asks through here. Portable (host unit tests).
 *
 * Semantics:
 * - VCPU_REQ_IRQ: set VS interrupt lines (MIP_VSSIP, MIP_VSTIP, MIP_VSEIP) to a level. Each request
 *   names lines and the wanted level of each; for every line the latest request wins.
 * - Fences accumulate until applied, and applying one twice is harmless:
 *   VCPU_REQ_FENCE_I      fence.i on the owner hart;
 *   VCPU_REQ_SFENCE_VMA   hfence.vvma (the guest's sfence.vma) of one ASID or all (-1), over one
 *                         range or everything; two different requests widen to one that covers
 *                         both (all ASIDs, the covering range): a wider fence is always correct;
 *   VCPU_REQ_HFENCE_GVMA  hfence.gvma of the VM's VMID (after a G-stage change).
 * - VCPU_REQ_TIMER: the owner re-reads the vCPU's timer and programs the hart's timer for it.
 * - VCPU_REQ_STOP: the vCPU must not enter the guest again (its VM stops). Stop dominates: taking
 *   a word with a stop in it drops everything else in it.
 * A request to a vCPU that is not loaded on any hart is kept until its owner loads it. With one
 * hart running vCPUs the owner applies requests at the next entry; the SMP issue adds a lock
 * around the word and an IPI that makes a remote owner do it at once. */
#ifndef HV_VM_VCPU_REQUEST_H
#define HV_VM_VCPU_REQUEST_H
#include "base/types.h"

#define VCPU_REQ_IRQ          (1u << 0)
#define VCPU_REQ_FENCE_I      (1u << 1)
#define VCPU_REQ_SFENCE_VMA   (1u << 2)
#define VCPU_REQ_HFENCE_GVMA  (1u << 3)
#define VCPU_REQ_TIMER        (1u << 4)
#define VCPU_REQ_STOP         (1u << 5)

#define VCPU_REQ_ALL_ASIDS    (-1L)

struct vcpu_request {
	uint32_t pending;            /* VCPU_REQ_* */
	uint64_t irq_lines;          /* lines with a requested level (MIP_VS* bits) */
	uint64_t irq_levels;         /* their wanted levels */
	long sfence_asid;            /* VCPU_REQ_ALL_ASIDS or one ASID */
	uint64_t sfence_start;       /* [start, end) of guest-virtual addresses; */
	uint64_t sfence_end;         /* end == 0 means everything */
};

void vcpu_request_irq(struct vcpu_request *r, uint64_t lines, bool level);
void vcpu_request_fence_i(struct vcpu_request *r);
/* asid VCPU_REQ_ALL_ASIDS for all; size -1UL (or a range that wraps) for every address. */
void vcpu_request_sfence_vma(struct vcpu_request *r, long asid, uint64_t start, uint64_t size);
void vcpu_request_hfence_gvma(struct vcpu_request *r);
void vcpu_request_timer(struct vcpu_request *r);
void vcpu_request_stop(struct vcpu_request *r);

static inline bool vcpu_request_pending(const struct vcpu_request *r)
{
	return r->pending != 0;
}

/* Takes every request at once (the word is empty afterwards). A stop dominates: then only
 * VCPU_REQ_STOP is in the result. */
struct vcpu_request vcpu_request_take(struct vcpu_request *r);

/* The VS interrupt bits `hvip` would hold once r's interrupt requests are applied. */
uint64_t vcpu_request_irq_view(const struct vcpu_request *r, uint64_t hvip);

/* Forgets every request (the vCPU is reset). */
void vcpu_request_clear(struct vcpu_request *r);

#endif
