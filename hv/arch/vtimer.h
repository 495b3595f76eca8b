/* vtimer.h: the guests' timers and the hypervisor's own (time slices, sleeping until an event). */
#ifndef HV_ARCH_VTIMER_H
#define HV_ARCH_VTIMER_H
#include "vm/vcpu.h"

/* SBI set_timer from the guest: stime is in the guest's time base. */
void vtimer_set(struct vcpu *v, uint64_t stime);
/* The vCPU this hart is about to run: programs the hart's timer for its SBI timer (no Sstc). */
void vtimer_reload(struct vcpu *v);
/* The host deadline (in host time) of the next interrupt that would wake v, or UINT64_MAX. */
uint64_t vtimer_wake_deadline(struct vcpu *v);
/* Requests an S-timer interrupt at host time `deadline` for the time slice (UINT64_MAX: none). */
void vtimer_set_slice(uint64_t deadline);
/* Arms a time slice from now unless one is armed already. */
void vtimer_ensure_slice(void);
/* The S-timer fired while v ran: injects its VSTIP when due; true when the time slice ended. */
bool vtimer_host_tick(struct vcpu *v);
/* Sleeps the hart until host time `deadline` (wfi with the S-timer armed). */
void vtimer_sleep_until(uint64_t deadline);
uint64_t vtimer_now(void);

#endif
