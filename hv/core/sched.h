/* sched.h: runs the vCPUs of every VM on this hart until all VMs have stopped. */
#ifndef HV_CORE_SCHED_H
#define HV_CORE_SCHED_H
#include "core/vm.h"

/* Runs vms[0..n) to their end; VMs asking to reboot are rebuilt from their description. */
void sched_run(struct vm *vms, int n);

/* The vCPU whose run loop this hart is in (from its first world switch until its loop ends), else
 * NULL. Only the debugger reads it (tools/gdb_hartvisor.py: hv-vcpu, hv-exits, hv-gpa). */
extern struct vcpu *current_vcpu;

#define SCHED_SLICE_US 10000   /* time slice when several vCPUs are runnable */

#endif
