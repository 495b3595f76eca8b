/* watchdog.h: the VM watchdog: stops a VM one of whose vCPUs keeps the hart with interrupts masked
 * and no exit of its own for the period its description sets (watchdog-ms). */
#ifndef HV_CORE_WATCHDOG_H
#define HV_CORE_WATCHDOG_H
#include "vm/verdict.h"

/* Sets the VM's period from its description (0 ms: no watchdog). */
void watchdog_init(struct vm *vm, uint32_t ms);
/* The scheduler enters v: the run time without progress counts on from now. */
void watchdog_resume(struct vcpu *v);
/* v made progress (an exit of the guest's own): what watchdog_check does for one. */
void watchdog_progress(struct vcpu *v);
/* After an exit of v was handled with result r: an exit of the guest's own, or interrupts enabled
 * in the guest when the hypervisor's timer fired, is progress; otherwise the time v ran since its
 * last exit counts against the period, and past it the VM is stopped (EXIT_VM_STOPPED). */
enum exit_result watchdog_check(struct vcpu *v, struct exit_info *info, enum exit_result r);

#endif
