/* irq.h: host interrupts taken while a guest runs. */
#ifndef HV_CORE_IRQ_H
#define HV_CORE_IRQ_H
#include "vm/verdict.h"

enum exit_result irq_handle(struct vcpu *v, struct exit_info *info);

#endif
