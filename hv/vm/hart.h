/* hart.h: a physical hart as the hypervisor sees it. Each hart's struct hart sits in the harts[]
 * area (entry.S), and the hart's tp points at it: its first member is the hart's thread-local
 * block, so _Thread_local data and the struct are both reached through tp (arch/this_hart.h).
 * Everything that is per hart lives here, and only the hart itself writes it. */
#ifndef HV_VM_HART_H
#define HV_VM_HART_H
#include "base/limits.h"

#ifndef __ASSEMBLER__
#include "base/types.h"

struct vcpu;

/* The vCPUs a hart runs, round-robin. */
struct run_queue {
	struct vcpu *vcpu[HART_MAX_VCPUS];
	int n;
	int next;                     /* where the round-robin goes on */
};

struct hart {
	uint8_t tls[HART_TLS_SIZE];   /* must be first: tp points here */
	unsigned long id;             /* the hart id of the host DTB */
	bool online;                  /* it has entered the hypervisor */
	struct vcpu *vcpu;            /* the vCPU it runs (guest or exit handling), else NULL */
	struct vcpu *loaded;          /* whose VS CSRs are in its registers */
	struct vcpu *fpu_owner;       /* whose FP registers are in its FPU */
	struct run_queue rq;
	uint64_t slice_deadline;      /* host time its time slice ends, UINT64_MAX: none */
	uint64_t guest_deadline;      /* host time of the loaded vCPU's SBI timer (no Sstc) */
	unsigned long fixup_cause;    /* scause of the last trap a fixup absorbed, 0: none */
	bool idle;                    /* asleep in wfi until a deadline (or, with SMP, a kick) */
};

_Static_assert(HART_SIZE % 16 == 0, "harts[] keeps each struct hart 16-byte aligned");

/* The struct hart of hart id (id < HV_MAX_HARTS). */
struct hart *hart_by_id(unsigned long id);

/* Run queues: a vCPU is on exactly one hart's queue from its VM's creation to its destruction. */
bool run_queue_add(struct run_queue *rq, struct vcpu *v);
void run_queue_remove(struct run_queue *rq, struct vcpu *v);

#endif
#endif
