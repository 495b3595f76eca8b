/* inject.h: delivering an exception to the guest running on this hart. */
#ifndef HV_ARCH_INJECT_H
#define HV_ARCH_INJECT_H
#include "vm/verdict.h"

/* Delivers an exception to the guest as hardware would (vsepc, vscause, vstval, vsstatus,
 * jump to vstvec); stops the VM when it keeps trapping at one pc. v is this hart's loaded vCPU. */
enum exit_result vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval, struct exit_info *info);

#endif
