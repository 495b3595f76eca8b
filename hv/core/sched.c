/* sched.c: round-robin over runnable vCPUs of all VMs; sleeps when all wait; finishes stopped VMs;
 * looks at the host console between runs (and every time slice while a VM owns it). */
#include <stdio.h>
#include "arch/guest_access.h"
#include "arch/vcpu_arch.h"
#include "core/boot.h"
#include "core/exit.h"
#include "core/log.h"
#include "core/sched.h"
#include "core/vm_create.h"
#include "core/vm_devices.h"
#include "core/vtimer.h"
#include "core/watchdog.h"
#include "trace/exit_trace.h"

struct vcpu *current_vcpu;

static struct vm *all_vms;
static int nvms;
static int next_index;   /* round-robin position over (vm, vcpu) pairs */

static bool vm_alive(const struct vm *vm)
{
	return vm->state == VM_READY || vm->state == VM_RUNNING;
}

/* Wakes waiting vCPUs whose interrupt has come; returns how many vCPUs are started (not STOPPED). */
static int wake_and_count_started(void)
{
	int n = 0;
	for (int i = 0; i < nvms; i++)
		for (int c = 0; vm_alive(&all_vms[i]) && c < all_vms[i].nvcpus; c++) {
			struct vcpu *v = &all_vms[i].vcpu[c];
			if (v->state == VCPU_IDLE && vcpu_arch_pending_enabled(v))
				v->state = VCPU_RUNNABLE;
			n += v->state != VCPU_STOPPED;
		}
	return n;
}

static struct vcpu *pick_next(void)
{
	int total = nvms * VM_MAX_VCPUS;
	for (int k = 0; k < total; k++) {
		int idx = (next_index + k) % total;
		struct vm *vm = &all_vms[idx / VM_MAX_VCPUS];
		int c = idx % VM_MAX_VCPUS;
		if (vm_alive(vm) && c < vm->nvcpus && vm->vcpu[c].state == VCPU_RUNNABLE) {
			next_index = idx + 1;
			return &vm->vcpu[c];
		}
	}
	return NULL;
}

/* The VM stopped: say how, summarise its exits, free it, and rebuild it if it asked to reboot. */
static void finish_vm(struct vm *vm)
{
	const struct vcpu *boot = &vm->vcpu[0];
	vm->state = VM_STOPPED;
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
	vm_destroy(vm);
	if (reason == VM_STOP_REBOOT && vm_create(vm, id, cfg) == 0)
		vm->trace_level = trace;
}

/* Stops the VM's vCPUs that wait for an interrupt nothing can raise any more. */
static void stop_stuck_vms(void)
{
	for (int i = 0; i < nvms; i++) {
		struct vm *vm = &all_vms[i];
		if (!vm_alive(vm))
			continue;
		vm_log_error(vm->id, "%s: every vCPU waits for an interrupt that nothing will raise; VM stopped",
			     vm->name);
		vm->stop_reason = VM_STOP_ERROR;
		finish_vm(vm);
	}
}

/* Nothing is runnable: sleep until the earliest timer of a waiting vCPU (or, while a VM waits
 * for console input, at most one time slice, to look at the console again). */
static void sleep_or_give_up(bool console_input)
{
	uint64_t earliest = console_input ? vtimer_now() + SCHED_SLICE_US * (host.timebase_hz / 1000000) : UINT64_MAX;
	for (int i = 0; i < nvms; i++)
		for (int c = 0; vm_alive(&all_vms[i]) && c < all_vms[i].nvcpus; c++)
			if (all_vms[i].vcpu[c].state == VCPU_IDLE) {
				uint64_t d = vtimer_wake_deadline(&all_vms[i].vcpu[c]);
				earliest = d < earliest ? d : earliest;
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
	vm->stop_reason = VM_STOP_ERROR;
	finish_vm(vm);
}

static void run_vcpu(struct vcpu *v, bool sliced)
{
	current_vcpu = v;
	vcpu_arch_load(v);
	v->vm->state = VM_RUNNING;
	vtimer_set_slice(UINT64_MAX);
	/* a VM with a watchdog keeps the hypervisor's timer armed even alone: it may never exit */
	if (sliced || v->vm->watchdog_ticks)
		vtimer_ensure_slice();
	watchdog_resume(v);
	enum exit_result r = world_switch(v);   /* handles exits itself until one needs us */
	current_vcpu = NULL;
	if (r == EXIT_VCPU_STOPPED) {
		v->state = VCPU_STOPPED;
		stop_vm_without_vcpus(v->vm);
	}
	if (r == EXIT_VM_STOPPED)
		finish_vm(v->vm);
}

static bool any_alive(void)
{
	for (int i = 0; i < nvms; i++)
		if (vm_alive(&all_vms[i]))
			return true;
	return false;
}

void sched_run(struct vm *vms, int n)
{
	all_vms = vms;
	nvms = n;
	while (any_alive()) {
		/* with one started vCPU nothing needs a time slice; with more, a waiting one may wake */
		bool console_input = vm_devices_poll_input();
		int started = wake_and_count_started();
		struct vcpu *v = pick_next();
		if (v)
			run_vcpu(v, started > 1 || console_input);
		else
			sleep_or_give_up(console_input);
	}
	vtimer_set_slice(UINT64_MAX);
}
