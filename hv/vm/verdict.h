/* verdict.h: what an exit handler decides about the vCPU it handled, what goes into the trace
 * about it, and vm_fatal, the verdict for a guest that did something the VM cannot survive. */
#ifndef HV_VM_VERDICT_H
#define HV_VM_VERDICT_H
#include "vm/vm.h"

enum exit_result {
	EXIT_CONTINUE = 0,   /* resume the same vCPU */
	EXIT_YIELD,          /* its time slice ended: schedule */
	EXIT_IDLE,           /* it waits for an interrupt (WFI) */
	EXIT_VCPU_STOPPED,   /* it stopped itself (HSM) */
	EXIT_VM_STOPPED,     /* the whole VM stopped (shutdown, reboot or error) */
};

struct exit_info {
	uint8_t action;      /* enum exit_action */
	uint8_t rd;
	uint32_t insn;
	uint64_t value;
};

/* Stops the VM because of something its guest did, with one diagnostic line naming the VM,
 * the exit, sepc, stval and htval, plus the reason. */
enum exit_result vm_fatal(struct vcpu *v, struct exit_info *info, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
