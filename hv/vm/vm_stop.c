/* vm_stop.c: the VM stop protocol. A VM is never destroyed while a hart may still touch it.
 *
 * 1. Whoever decides that a VM stops (its own SBI shutdown or reboot, a fatal guest error, the
 *    scheduler finding it can never run again) calls vm_stop(vm, reason): the VM becomes
 *    VM_STOPPING, the first reason sticks, and every vCPU gets VCPU_REQ_STOP in its request word.
 * 2. A hart marks a vCPU running (vcpu_begin_run) before it enters it and clears the mark
 *    (vcpu_end_run) when it has left it for good; vcpu_begin_run refuses a vCPU of a stopping VM,
 *    so no hart enters one again. A vCPU in the guest leaves it: the one that stopped its VM
 *    returns EXIT_VM_STOPPED, the others find the stop request when they next come to enter (on
 *    another hart, the SMP issue's IPI makes that at once).
 * 3. The owner of the VM (the scheduler) destroys it, or rebuilds it for a reboot, only once
 *    vm_stop_complete(vm) says that it is stopping and none of its vCPUs is marked running. */
#include "vm/vm_stop.h"

void vm_stop(struct vm *vm, enum vm_stop_reason reason)
{
	if (vm->state != VM_READY && vm->state != VM_RUNNING)
		return;
	if (vm->stop_reason == VM_STOP_NONE)
		vm->stop_reason = reason;
	vm->state = VM_STOPPING;
	for (int i = 0; i < vm->nvcpus; i++)
		vcpu_request_stop(&vm->vcpu[i].req);
}

bool vcpu_begin_run(struct vcpu *v)
{
	if (v->vm->state != VM_READY && v->vm->state != VM_RUNNING)
		return false;
	v->running = true;
	v->vm->state = VM_RUNNING;
	return true;
}

void vcpu_end_run(struct vcpu *v)
{
	v->running = false;
}

bool vm_stop_complete(const struct vm *vm)
{
	if (vm->state != VM_STOPPING)
		return false;
	for (int i = 0; i < vm->nvcpus; i++)
		if (vm->vcpu[i].running)
			return false;
	return true;
}
