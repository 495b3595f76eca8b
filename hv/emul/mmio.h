/* mmio.h: guest-page faults: accesses to emulated devices, and mappings made on first touch. */
#ifndef HV_EMUL_MMIO_H
#define HV_EMUL_MMIO_H
#include "vm/verdict.h"

enum exit_result mmio_handle_guest_fault(struct vcpu *v, struct exit_info *info);

#endif
