/* world_switch.h: entering a vCPU and coming back (world_switch.S), and the FPU's registers. */
#ifndef HV_ARCH_WORLD_SWITCH_H
#define HV_ARCH_WORLD_SWITCH_H
#include <stdint.h>

struct vcpu;
/* Runs v, handling its exits with exit_handle(v), until one returns other than EXIT_CONTINUE;
 * returns that enum exit_result. */
int world_switch(struct vcpu *v);
/* f0..f31 then fcsr, to and from fp[33]; the FPU is on only meanwhile. */
void fp_save(uint64_t *fp);
void fp_restore(const uint64_t *fp);

#endif
