/* harness.S: enters one random instruction and takes back whatever trap ends it. Both routines
 * share one page, mapped execute-only in the fuzz page table, so no random load or store can
 * reach the harness; the trap vector switches back to the harness page table before it touches
 * memory and returns from fuzz_enter as if from a call, so nothing the instruction did to the
 * registers matters. */
#include "lib/csr.h"
#include "fuzz/fuzz.h"

	.section .text.fuzzharness, "ax"
	.balign	FUZZ_PAGE
	.globl	fuzz_harness_page
fuzz_harness_page:

/* fuzz_enter(a0 = struct fuzz_run *) */
	.globl	fuzz_enter
fuzz_enter:
	la	t0, fuzz_ctx
	sd	ra, CTX_RA(t0)
	sd	sp, CTX_SP(t0)
	sd	gp, CTX_GP(t0)
	sd	tp, CTX_TP(t0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\n, (CTX_S0 + \n * 8)(t0)
	.endr
	csrr	t1, CSR_SSTATUS
	sd	t1, CTX_SSTATUS(t0)
	la	t1, fuzz_vector
	csrw	CSR_STVEC, t1
	ld	t1, RUN_SEPC(a0)
	csrw	CSR_SEPC, t1
	ld	t1, RUN_T6(a0)
	csrw	CSR_SSCRATCH, t1
	ld	t1, RUN_SSTATUS(a0)
	csrw	CSR_SSTATUS, t1          /* SIE stays 0 here: SPIE is what the instruction gets */
	mv	t6, a0
	.irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ld	x\n, (\n * 8)(t6)
	.endr
	ld	t6, RUN_SATP(t6)
	csrw	CSR_SATP, t6
	nop
	csrr	t6, CSR_SSCRATCH
	sret

/* Every trap of the random instruction, from VS- or VU-mode. */
	.balign	4
fuzz_vector:
	la	t0, fuzz_root_harness
	srli	t0, t0, 12
	li	t1, FUZZ_SATP_SV39
	slli	t1, t1, SATP_MODE_SHIFT
	or	t0, t0, t1
	csrw	CSR_SATP, t0
	nop
	csrw	CSR_SIE, zero
	la	t0, guest_trap_vector    /* a harness bug is then reported, not taken for a result */
	csrw	CSR_STVEC, t0
	la	t0, fuzz_ctx
	csrr	t1, CSR_SCAUSE
	sd	t1, CTX_SCAUSE(t0)
	csrr	t1, CSR_SEPC
	sd	t1, CTX_SEPC(t0)
	csrr	t1, CSR_STVAL
	sd	t1, CTX_STVAL(t0)
	csrr	t1, CSR_SSTATUS
	sd	t1, CTX_TSTATUS(t0)
	ld	t1, CTX_SSTATUS(t0)
	csrw	CSR_SSTATUS, t1
	ld	ra, CTX_RA(t0)
	ld	sp, CTX_SP(t0)
	ld	gp, CTX_GP(t0)
	ld	tp, CTX_TP(t0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\n, (CTX_S0 + \n * 8)(t0)
	.endr
	ret
	.balign	FUZZ_PAGE
