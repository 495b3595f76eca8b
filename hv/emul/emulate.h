/* emulate.h: illegal- and virtual-instruction exits, and reading the instruction a guest trapped on. */
#ifndef HV_EMUL_EMULATE_H
#define HV_EMUL_EMULATE_H
#include "vm/verdict.h"

enum exit_result emulate_trapped_insn(struct vcpu *v, struct exit_info *info);
/* The trapping instruction, fetched at sepc through the guest's translation; false when that faults. */
bool vcpu_fetch_insn(struct vcpu *v, uint32_t *bits);

#endif
