/* vcpu_arch.h: putting a vCPU's hardware state on the hart and taking it off again. */
#ifndef HV_ARCH_VCPU_ARCH_H
#define HV_ARCH_VCPU_ARCH_H
#include "vm/vcpu.h"

/* Per-hart H-extension set-up: delegation, counters, Sstc; returns the VMID width in bits. */
int arch_h_init(bool has_sstc);
/* Resets the vCPU to enter VS-mode at entry with a0 = its id and a1 = arg1. */
void vcpu_arch_reset(struct vcpu *v, uint64_t entry, uint64_t arg1);
/* Loads VS CSRs, hgatp and the FPU for v (if it is not already on this hart). */
void vcpu_arch_load(struct vcpu *v);
/* Saves the VS CSRs of the loaded vCPU into v->vs. */
void vcpu_arch_put(struct vcpu *v);
/* The VS interrupts pending (MIP_VS* bits) and enabled for v, loaded or not. */
uint64_t vcpu_arch_pending_enabled(struct vcpu *v);
/* Points hlv/hlvx (hstatus.SPVP) at the privilege the guest trapped from, before reading its memory. */
void vcpu_arch_access_as_guest(const struct vcpu *v);
/* Forgets v as the hart's FPU owner (v is being destroyed). */
void vcpu_arch_forget(struct vcpu *v);

/* Carries out v's requests (vm/vcpu_request.h) on this hart, where v is loaded: interrupt levels
 * into hvip, fences. Returns VCPU_REQ_STOP when v must not enter the guest again, else
 * VCPU_REQ_TIMER when its timer needs a new look (the caller's), else 0. */
uint32_t vcpu_arch_apply_requests(struct vcpu *v);

/* The timer of a vCPU this hart runs (loaded here, or not loaded anywhere). */
void vcpu_arch_set_vstimecmp(struct vcpu *v, uint64_t stime);
/* hvip.VSTIP, the SBI timer's interrupt when there is no Sstc. */
void vcpu_arch_set_timer_irq(struct vcpu *v, bool level);
/* MIP_VSTIP when the guest enables its timer interrupt, else 0. */
uint64_t vcpu_arch_timer_enabled(const struct vcpu *v);
uint64_t vcpu_arch_vstimecmp(const struct vcpu *v);

extern bool arch_has_sstc;

#endif
