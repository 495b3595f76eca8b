/* exit.h: one VM exit: what the handler decided, and what goes into the trace. */
#ifndef HV_CORE_EXIT_H
#define HV_CORE_EXIT_H
#include "core/vm.h"

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

/* Called by world_switch.S on a VS ecall before the guest's s0..s11 are saved (v->x holds stale
 * ones; nothing here may read them): serves the hottest SBI calls (sbi_is_fast) when the VM has no
 * trace and no watchdog, and returns true; false leaves the exit to exit_handle. */
bool exit_handle_fast(struct vcpu *v);

/* Handles the exit recorded in v (scause, stval, htval, htinst, sepc) and traces it. */
enum exit_result exit_handle(struct vcpu *v);

/* Stops the VM because of something its guest did, with one diagnostic line naming the VM,
 * the exit, sepc, stval and htval, plus the reason. */
enum exit_result vm_fatal(struct vcpu *v, struct exit_info *info, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Delivers an exception to the guest as hardware would (vsepc, vscause, vstval, vsstatus,
 * jump to vstvec); stops the VM when it keeps trapping at one pc. */
enum exit_result vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval, struct exit_info *info);

/* Handlers, one per kind of exit */
enum exit_result emulate_trapped_insn(struct vcpu *v, struct exit_info *info);
enum exit_result mmio_handle_guest_fault(struct vcpu *v, struct exit_info *info);
enum exit_result irq_handle(struct vcpu *v, struct exit_info *info);

/* The trapping instruction: from stval when the hardware gave it, else fetched at sepc. */
bool vcpu_fetch_insn(struct vcpu *v, uint32_t *bits);

#endif
