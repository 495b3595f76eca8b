/* harness.S: enters one block of random words and takes back every trap it raises. Both routines
 * share one page, mapped execute-only in the fuzz page table, so no random load or store reaches
 * them. The vector trusts no register of the block: it swaps sp with sscratch (the context page,
 * which the block cannot write), skips the faulting word and resumes, so a block runs through in
 * order; at the final ebreak (or an interrupt, or a trap from outside the block) it switches back
 * to the harness page table and returns from fuzz_enter as if from a call. */
#include "lib/csr.h"
#include "fuzz/fuzz.h"

	.section .text.fuzzharness, "ax"
	.balign	FUZZ_PAGE
	.globl	fuzz_harness_page
fuzz_harness_page:

/* fuzz_enter(a0 = struct fuzz_run *) */
	.globl	fuzz_enter
fuzz_enter:
	la	t0, fuzz_pages + 5 * FUZZ_PAGE    /* the context, by its physical address */
	sd	ra, CTX_RA(t0)
	sd	sp, CTX_SP(t0)
	sd	gp, CTX_GP(t0)
	sd	tp, CTX_TP(t0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\n, (CTX_S0 + \n * 8)(t0)
	.endr
	csrr	t1, CSR_SSTATUS
	sd	t1, CTX_SSTATUS(t0)
	csrr	t1, CSR_SATP
	sd	t1, CTX_SATP(t0)
	ld	t1, RUN_T6(a0)
	sd	t1, CTX_T6(t0)
	la	t1, fuzz_vector
	csrw	CSR_STVEC, t1
	li	t1, FUZZ_CTX_VA
	csrw	CSR_SSCRATCH, t1
	ld	t1, RUN_SEPC(a0)
	csrw	CSR_SEPC, t1
	ld	t1, RUN_SSTATUS(a0)
	csrw	CSR_SSTATUS, t1          /* SIE stays 0 here: SPIE is what the block gets */
	mv	t6, a0
	.irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ld	x\n, (\n * 8)(t6)
	.endr
	ld	t6, RUN_SATP(t6)
	csrw	CSR_SATP, t6
	li	t6, FUZZ_CTX_VA
	ld	t6, CTX_T6(t6)
	sret

/* Every trap of the block, from VS- or VU-mode. */
	.balign	4
fuzz_vector:
	csrrw	sp, CSR_SSCRATCH, sp
	.irp n, 0,1,2,3,4
	sd	t\n, (CTX_SAVE + \n * 8)(sp)
	.endr
	csrr	t0, CSR_SCAUSE
	bltz	t0, .Linterrupt
	li	t1, FUZZ_NCAUSES
	bgeu	t0, t1, .Lother
	slli	t1, t0, 3
	add	t1, t1, sp
	ld	t2, CTX_COUNTS(t1)
	addi	t2, t2, 1
	sd	t2, CTX_COUNTS(t1)
	j	1f
.Lother:
	ld	t2, CTX_OTHER(sp)
	addi	t2, t2, 1
	sd	t2, CTX_OTHER(sp)
1:	/* sstatus.SPP must name the mode the block runs in, however the trap got here */
	csrr	t1, CSR_SSTATUS
	andi	t1, t1, SSTATUS_SPP
	ld	t2, CTX_SPP(sp)
	beq	t1, t2, 2f
	ld	t2, CTX_SUSPECT(sp)
	addi	t2, t2, 1
	sd	t2, CTX_SUSPECT(sp)
2:	csrr	t1, CSR_SEPC
	ld	t2, CTX_START(sp)
	bltu	t1, t2, .Lescaped
	ld	t2, CTX_END(sp)
	bgtu	t1, t2, .Lescaped
	beq	t1, t2, .Ldone
	/* the word at sepc, read through the code page's S-mode alias */
	ld	t3, CTX_START(sp)
	sub	t3, t1, t3
	ld	t2, CTX_ALIAS(sp)
	add	t3, t3, t2
	lhu	t2, 0(t3)
	andi	t4, t2, 3
	addi	t4, t4, -3
	bnez	t4, 3f
	lhu	t4, 2(t3)
	slli	t4, t4, 16
	or	t2, t2, t4
	addi	t1, t1, 2
3:	addi	t1, t1, 2
	csrw	CSR_SEPC, t1
	/* an illegal instruction reports the word itself in stval, or 0 */
	li	t4, CAUSE_ILLEGAL_INSTRUCTION
	bne	t0, t4, 4f
	csrr	t4, CSR_STVAL
	beqz	t4, 4f
	beq	t4, t2, 4f
	ld	t2, CTX_SUSPECT(sp)
	addi	t2, t2, 1
	sd	t2, CTX_SUSPECT(sp)
4:	.irp n, 0,1,2,3,4
	ld	t\n, (CTX_SAVE + \n * 8)(sp)
	.endr
	csrrw	sp, CSR_SSCRATCH, sp
	sret

.Linterrupt:
	ld	t2, CTX_INTR(sp)
	addi	t2, t2, 1
	sd	t2, CTX_INTR(sp)
	li	t2, FUZZ_EXIT_INTERRUPT
	j	.Lexit
.Lescaped:
	li	t2, FUZZ_EXIT_ESCAPED
	j	.Lexit
.Ldone:
	li	t2, FUZZ_EXIT_DONE
.Lexit:
	sd	t2, CTX_EXIT(sp)
	sd	t0, CTX_ESCAUSE(sp)
	csrr	t1, CSR_SEPC
	sd	t1, CTX_ESEPC(sp)
	csrw	CSR_SIE, zero            /* what the block enabled stays off in the harness */
	mv	t0, sp
	ld	ra, CTX_RA(t0)
	ld	sp, CTX_SP(t0)
	ld	gp, CTX_GP(t0)
	ld	tp, CTX_TP(t0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\n, (CTX_S0 + \n * 8)(t0)
	.endr
	ld	t2, CTX_SSTATUS(t0)
	ld	t1, CTX_SATP(t0)
	csrw	CSR_SATP, t1             /* the context's own mapping ends here */
	csrw	CSR_SSTATUS, t2
	la	t0, guest_trap_vector    /* a harness bug is then reported, not taken for a result */
	csrw	CSR_STVEC, t0
	ret
	.balign	FUZZ_PAGE
