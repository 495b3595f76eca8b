/* vcpu.h: a virtual hart: guest registers, VS-level CSRs, FP state, and run state.
 * world_switch.S depends on the layout of the fields up to `req`: keep VCPU_OFF_* in step. */
#ifndef HV_VM_VCPU_H
#define HV_VM_VCPU_H

/* Byte offsets for world_switch.S */
#define VCPU_OFF_X        0           /* x[32]: guest x0..x31 (x0 always 0) */
#define VCPU_OFF_SEPC     (32 * 8)
#define VCPU_OFF_SSTATUS  (33 * 8)
#define VCPU_OFF_HSTATUS  (34 * 8)
#define VCPU_OFF_SCAUSE   (35 * 8)
#define VCPU_OFF_STVAL    (36 * 8)
#define VCPU_OFF_HTVAL    (37 * 8)
#define VCPU_OFF_HTINST   (38 * 8)
#define VCPU_OFF_HOST     (39 * 8)    /* host ra, sp, gp, tp, s0..s11: 16 registers */
#define VCPU_OFF_FP       (55 * 8)    /* f0..f31, then fcsr */
#define VCPU_OFF_REQ      (88 * 8)    /* req.pending: world_switch.S looks at it before resuming */

#ifndef __ASSEMBLER__
#include "base/types.h"
#include "trace/trace.h"
#include "vm/vcpu_request.h"

struct vm;

enum vcpu_state {
	VCPU_STOPPED = 0,       /* not started (HSM STOPPED) */
	VCPU_RUNNABLE,          /* started; will run when scheduled */
	VCPU_IDLE,              /* in WFI: runnable again when an enabled interrupt is pending */
};

/* The guest's VS-level CSRs, kept in hardware while the vCPU owns the hart. */
struct vcpu_vs_csrs {
	uint64_t vsstatus, vsie, vstvec, vsscratch, vsepc, vscause, vstval, vsatp, vstimecmp;
	uint64_t hvip;      /* VS interrupts the hypervisor injects */
};

struct vcpu {
	/* ---- touched by world_switch.S ---- */
	uint64_t x[32];
	uint64_t sepc;
	uint64_t sstatus;
	uint64_t hstatus;
	uint64_t scause, stval, htval, htinst;
	uint64_t host[16];
	uint64_t fp[33];
	struct vcpu_request req;      /* what others ask of it (vcpu_request.h); pending first */
	/* ---- C only ---- */
	struct vm *vm;
	int id;                       /* vCPU id = the guest's hart id */
	enum vcpu_state state;
	struct vcpu_vs_csrs vs;       /* valid while the vCPU is not loaded on a hart */
	bool loaded;                  /* its VS CSRs are in its hart's registers */
	bool running;                 /* a hart is in its guest or handling its exit (vm_stop.c) */
	uint64_t timer_deadline;      /* guest SBI set_timer value (guest time), UINT64_MAX if none */
	uint64_t last_inject_pc;      /* sepc of the last exception injected, to catch trap loops */
	uint32_t inject_repeats;
	struct trace_ring trace;
	uint64_t exit_seq;
	uint64_t exit_pc;             /* sepc when the exit being handled was taken */
	uint64_t watchdog_stuck;      /* host ticks run since its last progress (core/watchdog.c) */
	uint64_t watchdog_mark;       /* host time the watchdog last looked at it */
};

/* Instruction count at which a guest trapping at one pc without progress is stopped. */
#define VCPU_MAX_INJECT_REPEATS 64

#endif
#endif
