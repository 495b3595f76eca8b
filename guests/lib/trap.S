/* trap.S: the guest's S-mode trap vector (stvec, direct mode). Saves every GPR and sepc,
 * scause, stval, sstatus in a frame on the current stack, calls guest_trap_dispatch(frame),
 * then restores sepc, sstatus and the GPRs from the frame and returns with sret. */
#include "lib/csr.h"
#include "lib/trap.h"

	.section .text
	.balign 4
	.globl guest_trap_vector
guest_trap_vector:
	addi	sp, sp, -GUEST_FRAME_SIZE
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, (\n * 8)(sp)
	.endr
	addi	t0, sp, GUEST_FRAME_SIZE
	sd	t0, (2 * 8)(sp)
	csrr	t0, CSR_SEPC
	sd	t0, GUEST_FRAME_SEPC(sp)
	csrr	t0, CSR_SCAUSE
	sd	t0, GUEST_FRAME_SCAUSE(sp)
	csrr	t0, CSR_STVAL
	sd	t0, GUEST_FRAME_STVAL(sp)
	csrr	t0, CSR_SSTATUS
	sd	t0, GUEST_FRAME_SSTATUS(sp)
	mv	a0, sp
	call	guest_trap_dispatch
	ld	t0, GUEST_FRAME_SEPC(sp)
	csrw	CSR_SEPC, t0
	ld	t0, GUEST_FRAME_SSTATUS(sp)
	csrw	CSR_SSTATUS, t0
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, (\n * 8)(sp)
	.endr
	addi	sp, sp, GUEST_FRAME_SIZE
	sret
