/* exit_trace.h: recording exits into the per-vCPU ring, printing them live, and the VM's summary. */
#ifndef HV_CORE_EXIT_TRACE_H
#define HV_CORE_EXIT_TRACE_H
#include "vm/verdict.h"

void exit_trace_record(struct vcpu *v, const struct exit_info *info, uint64_t cycles);
/* Per-cause counts and mean/max handling cycles, printed when a VM stops. */
void exit_trace_print_summary(const struct vm *vm);
/* Every vCPU's ring as framed hex lines (trace_dump.h), printed when a VM stops with TRACE=dump. */
void exit_trace_print_dump(const struct vm *vm);

#endif
