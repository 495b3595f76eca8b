/* vcpu_irq.h: raising and lowering a vCPU's VS-level interrupts (hvip bits), loaded or not. */
#ifndef HV_CORE_VCPU_IRQ_H
#define HV_CORE_VCPU_IRQ_H
#include "arch/csr.h"
#include "core/vcpu.h"

/* bits are MIP_VSSIP, MIP_VSTIP and/or MIP_VSEIP. */
void vcpu_raise_vs_irq(struct vcpu *v, uint64_t bits);
void vcpu_clear_vs_irq(struct vcpu *v, uint64_t bits);
void vcpu_set_vs_irq(struct vcpu *v, uint64_t bits, bool level);

#endif
