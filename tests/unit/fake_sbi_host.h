/* fake_sbi_host.h: a recording fake of the sbi_host_* hooks, for the SBI server's unit tests. */
#ifndef TESTS_UNIT_FAKE_SBI_HOST_H
#define TESTS_UNIT_FAKE_SBI_HOST_H
#include "emul/sbi.h"

#define FAKE_MAX_CALLS  16
#define FAKE_CONSOLE_SZ 256
/* What sbi_host_machine_id answers: FAKE_MACHINE_ID_BASE + fid */
#define FAKE_MACHINE_ID_BASE 0x5a000L

struct fake_vsip_call {
	struct vcpu *target;
	uint64_t bits;
};

struct fake_sbi_host {
	/* console */
	char out[FAKE_CONSOLE_SZ];           /* bytes written, in order (truncated at FAKE_CONSOLE_SZ) */
	size_t out_len;
	int write_calls;
	const char *in;                      /* bytes the console will "type"; NULL = none */
	size_t in_pos;
	int getchar_calls;
	/* timer */
	int timer_calls;
	struct vcpu *timer_vcpu;
	uint64_t timer_value;
	/* interrupts */
	int raise_calls, clear_calls;
	struct fake_vsip_call raised[FAKE_MAX_CALLS], cleared[FAKE_MAX_CALLS];
	/* hart start */
	int start_calls;
	struct vcpu *start_target;
	uint64_t start_addr, start_opaque;
	/* fences */
	int vvma_calls, gvma_calls;
	int fence_i_calls;
	unsigned long fence_i_mask;
	struct vm *vvma_vm;
	uint64_t vvma_start, vvma_size;
	long vvma_asid;
	/* machine ids */
	int machine_id_calls;
	unsigned long machine_id_fid;
	/* guest-virtual reads: identity-mapped onto RAM (a guest with satp = Bare) unless read_fail */
	int read_calls;
	uint64_t read_gva;
	bool read_fail;
};

extern struct fake_sbi_host fake;
/* Forgets every recorded call and knob. */
void fake_sbi_host_reset(void);
/* Number of VSSIP raises recorded for target. */
int fake_raised_on(const struct vcpu *target);

#endif
