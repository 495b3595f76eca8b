/* exit.c: dispatches each VM exit to its one handler and records it in the trace. */
#include <stdio.h>
#include "riscv/csr.h"
#include "core/exit.h"
#include "core/irq.h"
#include "emul/emulate.h"
#include "emul/mmio.h"
#include "base/log.h"
#include "arch/vtimer.h"
#include "core/watchdog.h"
#include "arch/vcpu_arch.h"
#include "emul/sbi.h"
#include "core/exit_trace.h"

static enum exit_result handle_ecall(struct vcpu *v, struct exit_info *info)
{
	enum sbi_outcome out = sbi_handle_ecall(v);
	info->action = ACT_SBI;
	info->value = v->x[10];
	if (out == SBI_STOP_VM) {
		info->action = ACT_STOPPED;
		return EXIT_VM_STOPPED;
	}
	return out == SBI_STOP_VCPU ? EXIT_VCPU_STOPPED : EXIT_CONTINUE;
}

static enum exit_result dispatch(struct vcpu *v, struct exit_info *info)
{
	if (v->scause & CAUSE_INTERRUPT_FLAG)
		return irq_handle(v, info);
	switch (v->scause) {
	case CAUSE_VIRTUAL_SUPERVISOR_ECALL:
		return handle_ecall(v, info);
	case CAUSE_ILLEGAL_INSTRUCTION:
	case CAUSE_VIRTUAL_INSTRUCTION:
		return emulate_trapped_insn(v, info);
	case CAUSE_FETCH_GUEST_PAGE_FAULT:
	case CAUSE_LOAD_GUEST_PAGE_FAULT:
	case CAUSE_STORE_GUEST_PAGE_FAULT:
		return mmio_handle_guest_fault(v, info);
	default:
		return vm_fatal(v, info, "unexpected exit");
	}
}

/* The hottest exit, an SBI call, when no record of it is printed or kept beyond the per-cause
 * counts: straight to the SBI server, without the exit_info the trace would format. The same
 * outcome as dispatch's handle_ecall and watchdog_check give it (a guest's own exit is progress). */
static __attribute__((noinline)) enum exit_result exit_handle_ecall(struct vcpu *v, int level)
{
	uint64_t start = level ? csr_read(CSR_CYCLE) : 0;
	enum sbi_outcome out = SBI_RESUME;
	if (sbi_is_fast(v))
		sbi_handle_fast(v);
	else
		out = sbi_handle_ecall(v);
	enum exit_result r = out == SBI_RESUME ? EXIT_CONTINUE :
			     out == SBI_STOP_VM ? EXIT_VM_STOPPED : EXIT_VCPU_STOPPED;
	if (level)
		trace_stats_add(&v->vm->stats, v->scause, (uint32_t)(csr_read(CSR_CYCLE) - start));
	if (v->vm->watchdog_ticks && r != EXIT_VM_STOPPED)
		watchdog_progress(v);
	return r;
}

/* Every other exit: dispatched, checked by the watchdog, recorded in the trace. */
static __attribute__((noinline)) enum exit_result exit_handle_full(struct vcpu *v, int level)
{
	struct exit_info info = { 0 };
	v->exit_pc = v->sepc;
	if (v->scause == CAUSE_VIRTUAL_SUPERVISOR_ECALL)
		v->stval = v->htval = v->htinst = 0;   /* world_switch.S does not read them for one */
	uint64_t start = level ? csr_read(CSR_CYCLE) : 0;
	enum exit_result r = dispatch(v, &info);
	if (v->vm->watchdog_ticks)
		r = watchdog_check(v, &info, r);
	if (level)
		exit_trace_record(v, &info, csr_read(CSR_CYCLE) - start);
	return r;
}

bool exit_handle_fast(struct vcpu *v)
{
	if (v->vm->trace_level != TRACE_OFF || v->vm->watchdog_ticks || !sbi_is_fast(v))
		return false;
	sbi_handle_fast(v);
	return true;
}

enum exit_result exit_apply_requests(struct vcpu *v)
{
	uint32_t todo = vcpu_arch_apply_requests(v);
	if (todo == VCPU_REQ_STOP)
		return EXIT_VM_STOPPED;
	if (todo == VCPU_REQ_TIMER)
		vtimer_reload(v);
	return EXIT_CONTINUE;
}

enum exit_result exit_handle(struct vcpu *v)
{
	int level = v->vm->trace_level;
	if (v->scause == CAUSE_VIRTUAL_SUPERVISOR_ECALL && level <= TRACE_SUMMARY)
		return exit_handle_ecall(v, level);
	return exit_handle_full(v, level);
}
