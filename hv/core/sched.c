/* sched.c: each hart runs the vCPUs on its run queue round-robin, sleeps when all of them wait,
 * and finishes stopped VMs once none of their vCPUs runs (vm/vm_stop.c); it looks at the host
 * console between runs (and every time slice while a VM owns it). Placement: every vCPU goes on
 * the boot hart's queue when its VM is built (the SMP issue spreads them over the harts). */
#include <stdio.h>
#include "arch/this_hart.h"
#include "arch/vcpu_arch.h"
#include "arch/world_switch.h"
#include "base/host_dtb.h"
#include "base/log.h"
#include "core/exit_trace.h"
#include "core/sched.h"
#include "core/vm_create.h"
#include "arch/vtimer.h"
#include "core/watchdog.h"
#include "vm/console.h"
#include "vm/verdict.h"
#include "vm/vm_stop.h"

static struct vm *all_vms;
static int nvms;

static bool vm_alive(const struct vm *vm)
{
	return vm->state == VM_READY || vm->state == VM_RUNNING;
}

void sched_add_vm(struct vm *vm)
{
	struct hart *h = hart_by_id(host.boot_hart);
	for (int c = 0; c < vm->nvcpus; c++)
		run_queue_add(&h->rq, &vm->vcpu[c]);
}

static void remove_vm(struct vm *vm)
{
	struct hart *h = hart_by_id(host.boot_hart);
	for (int c = 0; c < vm->nvcpus; c++)
		run_queue_remove(&h->rq, &vm->vcpu[c]);
}

/* Wakes waiting vCPUs whose interrupt has come; returns how many vCPUs are started (not STOPPED). */
static int wake_and_count_started(struct hart *h)
{
	int n = 0;
	for (int i = 0; i < h->rq.n; i++) {
		struct vcpu *v = h->rq.vcpu[i];
		if (!vm_alive(v->vm))
			continue;
		if (v->state == VCPU_IDLE && vcpu_arch_pending_enabled(v))
			v->state = VCPU_RUNNABLE;
		n += v->state != VCPU_STOPPED;
	}
	return n;
}

static struct vcpu *pick_next(struct hart *h)
{
	struct run_queue *rq = &h->rq;
	for (int k = 0; k < rq->n; k++) {
		int idx = (rq->next + k) % rq->n;
		struct vcpu *v = rq->vcpu[idx];
		if (vm_alive(v->vm) && v->state == VCPU_RUNNABLE) {
			rq->next = idx + 1;
			return v;
		}
	}
	return NULL;
}

/* The VM stopped and none of its vCPUs runs: say how, summarise its exits, free it, and rebuild
 * it if it asked to reboot. */
static void finish_vm(struct vm *vm)
{
	const struct vcpu *boot = &vm->vcpu[0];
	if (vm->stop_reason == VM_STOP_SHUTDOWN || vm->stop_reason == VM_STOP_REBOOT) {
		printf("[vm%d] a0 = 0x%lx, a1 = 0x%lx\n", vm->id, (unsigned long)boot->x[10],
		       (unsigned long)boot->x[11]);
		printf("[vm%d] %s\n", vm->id, vm->stop_reason == VM_STOP_SHUTDOWN ? "Shutdown vm normally!"
										    : "Rebooting vm");
	}
	if (vm->trace_level >= TRACE_SUMMARY)
		exit_trace_print_summary(vm);
	if (vm->trace_level == TRACE_DUMP)
		exit_trace_print_dump(vm);
	enum vm_stop_reason reason = vm->stop_reason;
	const struct vm_config *cfg = vm->config;
	int id = vm->id, trace = vm->trace_level;
	remove_vm(vm);
	vm_destroy(vm);
	if (reason == VM_STOP_REBOOT && vm_create(vm, id, cfg) == 0) {
		vm->trace_level = trace;
		sched_add_vm(vm);
	}
}

static void finish_stopped_vms(void)
{
	for (int i = 0; i < nvms; i++)
		if (vm_stop_complete(&all_vms[i]))
			finish_vm(&all_vms[i]);
}

/* Stops the VMs whose vCPUs wait for an interrupt nothing can raise any more. */
static void stop_stuck_vms(void)
{
	for (int i = 0; i < nvms; i++) {
		struct vm *vm = &all_vms[i];
		if (!vm_alive(vm))
			continue;
		vm_log_error(vm->id, "%s: every vCPU waits for an interrupt that nothing will raise; VM stopped",
			     vm->name);
		vm_stop(vm, VM_STOP_ERROR);
	}
}

/* Nothing is runnable: sleep until the earliest timer of a waiting vCPU (or, while a VM waits
 * for console input, at most one time slice, to look at the console again). */
static void sleep_or_give_up(struct hart *h, bool console_input)
{
	uint64_t earliest = console_input ? vtimer_now() + SCHED_SLICE_US * (host.timebase_hz / 1000000) : UINT64_MAX;
	for (int i = 0; i < h->rq.n; i++) {
		struct vcpu *v = h->rq.vcpu[i];
		if (vm_alive(v->vm) && v->state == VCPU_IDLE) {
			uint64_t d = vtimer_wake_deadline(v);
			earliest = d < earliest ? d : earliest;
		}
	}
	if (earliest == UINT64_MAX)
		stop_stuck_vms();
	else
		vtimer_sleep_until(earliest);
}

/* A vCPU stopped itself: when it was the VM's last, nothing can start one again. */
static void stop_vm_without_vcpus(struct vm *vm)
{
	for (int c = 0; c < vm->nvcpus; c++)
		if (vm->vcpu[c].state != VCPU_STOPPED)
			return;
	vm_log_error(vm->id, "%s: every vCPU has stopped (SBI HSM hart_stop), so none can start another; VM stopped",
		     vm->name);
	vm_stop(vm, VM_STOP_ERROR);
}

/* Loads v, carries out its requests, and runs it until an exit needs the scheduler. */
static enum exit_result enter(struct vcpu *v, bool sliced)
{
	vcpu_arch_load(v);
	uint32_t todo = vcpu_arch_apply_requests(v);
	if (todo == VCPU_REQ_STOP)
		return EXIT_VM_STOPPED;
	if (todo == VCPU_REQ_TIMER || !arch_has_sstc)
		vtimer_reload(v);
	vtimer_set_slice(UINT64_MAX);
	/* a VM with a watchdog keeps the hypervisor's timer armed even alone: it may never exit */
	if (sliced || v->vm->watchdog_ticks)
		vtimer_ensure_slice();
	watchdog_resume(v);
	return (enum exit_result)world_switch(v);   /* handles exits itself until one needs us */
}

static void run_vcpu(struct hart *h, struct vcpu *v, bool sliced)
{
	if (!vcpu_begin_run(v))
		return;
	h->vcpu = v;
	enum exit_result r = enter(v, sliced);
	h->vcpu = NULL;
	vcpu_end_run(v);
	if (r == EXIT_VCPU_STOPPED) {
		v->state = VCPU_STOPPED;
		stop_vm_without_vcpus(v->vm);
	}
	if (r == EXIT_VM_STOPPED)
		vm_stop(v->vm, v->vm->stop_reason);
}

static bool any_alive(void)
{
	for (int i = 0; i < nvms; i++)
		if (vm_alive(&all_vms[i]) || all_vms[i].state == VM_STOPPING)
			return true;
	return false;
}

void sched_run(struct vm *vms, int n)
{
	struct hart *h = this_hart();
	all_vms = vms;
	nvms = n;
	while (any_alive()) {
		/* with one started vCPU nothing needs a time slice; with more, a waiting one may wake */
		bool console_input = console_poll_input();
		int started = wake_and_count_started(h);
		struct vcpu *v = pick_next(h);
		if (v)
			run_vcpu(h, v, started > 1 || console_input);
		else
			sleep_or_give_up(h, console_input);
		finish_stopped_vms();
	}
	vtimer_set_slice(UINT64_MAX);
}
