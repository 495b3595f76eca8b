/* exit.h: the entry of every VM exit from world_switch.S: one dispatch to one handler, and the trace. */
#ifndef HV_CORE_EXIT_H
#define HV_CORE_EXIT_H
#include "vm/verdict.h"

/* Called by world_switch.S on a VS ecall before the guest's s0..s11 are saved (v->x holds stale
 * ones; nothing here may read them): serves the hottest SBI calls (sbi_is_fast) when the VM has no
 * trace and no watchdog, and returns true; false leaves the exit to exit_handle. */
bool exit_handle_fast(struct vcpu *v);

/* Handles the exit recorded in v (scause, stval, htval, htinst, sepc) and traces it. */
enum exit_result exit_handle(struct vcpu *v);

/* Called by world_switch.S when exit_handle let the guest resume but v has requests: carries them
 * out (an interrupt a device raised, a fence, its VM stopping) before the guest resumes. */
enum exit_result exit_apply_requests(struct vcpu *v);

#endif
