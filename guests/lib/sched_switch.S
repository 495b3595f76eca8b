/* sched_switch.S: the scheduler's context switch (callee-saved registers, ra and sp, and with
 * fp != 0 all of f0-f31 and fcsr) and the first instructions of every new thread. */
#include "lib/csr.h"
#include "lib/sched.h"

	.section .text
	.balign 4
/* void sched_switch(struct sched_context *from, const struct sched_context *to, unsigned long fp) */
	.globl sched_switch
sched_switch:
	sd	ra, SCHED_CTX_RA(a0)
	sd	sp, SCHED_CTX_SP(a0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\n, (SCHED_CTX_S0 + 8 * \n)(a0)
	.endr
	beqz	a2, 1f
	frcsr	t0
	sd	t0, SCHED_CTX_FCSR(a0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (SCHED_CTX_F0 + 8 * \n)(a0)
	.endr
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, (SCHED_CTX_F0 + 8 * \n)(a1)
	.endr
	ld	t0, SCHED_CTX_FCSR(a1)
	fscsr	t0
1:	ld	ra, SCHED_CTX_RA(a1)
	ld	sp, SCHED_CTX_SP(a1)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\n, (SCHED_CTX_S0 + 8 * \n)(a1)
	.endr
	ret

/* A new thread's first context: ra = here, sp = its stack's top, s0 = fn, s1 = arg. */
	.globl sched_thread_start
sched_thread_start:
	csrsi	CSR_SSTATUS, SSTATUS_SIE
	mv	a0, s1
	jalr	s0
	call	sched_thread_exit
1:	j	1b
