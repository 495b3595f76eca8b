/* vm_stop.h: the VM stop protocol (vm_stop.c says how it goes). Portable. */
#ifndef HV_VM_VM_STOP_H
#define HV_VM_VM_STOP_H
#include "vm/vm.h"

/* Marks the VM stopping for reason (the first reason sticks) and asks each vCPU to stop. */
void vm_stop(struct vm *vm, enum vm_stop_reason reason);
/* A hart is about to run v: false (and v not marked) when v's VM is stopping or gone. */
bool vcpu_begin_run(struct vcpu *v);
/* The hart has left v's guest and no longer touches v. */
void vcpu_end_run(struct vcpu *v);
/* True when the VM is stopping and none of its vCPUs runs any more: only then may it be destroyed
 * (or rebuilt). */
bool vm_stop_complete(const struct vm *vm);

#endif
