/* sched.h: runs the vCPUs of every VM on the harts' run queues until all VMs have stopped. */
#ifndef HV_CORE_SCHED_H
#define HV_CORE_SCHED_H
#include "vm/vm.h"

/* Puts a newly built VM's vCPUs on a hart's run queue. */
void sched_add_vm(struct vm *vm);
/* Runs vms[0..n) (each added with sched_add_vm) to their end; VMs asking to reboot are rebuilt
 * from their description. */
void sched_run(struct vm *vms, int n);

#endif
