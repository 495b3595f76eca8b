/* trap.S: the kernel's trap vector and its way back, and the switch between the kernel and the
 * process. A trap from U-mode finds the trap-stack top in sscratch (swapped with the user's sp);
 * a trap from S-mode finds sscratch = 0 and stays on its stack. Either way every GPR and sepc,
 * scause, stval, sstatus go into a struct guest_trap_frame, trap_dispatch(frame) runs, and the
 * frame is restored; on the way back to U-mode sscratch gets the trap-stack top again. */
#include "lib/csr.h"
#include "lib/trap.h"

#define TOP_TP   0          /* struct trap_top, just above the frame */
#define TOP_GP   8

	.macro save_gprs
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, (\n * 8)(sp)
	.endr
	.endm

	.section .text
	.balign 4
	.globl trap_vector
trap_vector:
	csrrw	sp, CSR_SSCRATCH, sp
	bnez	sp, from_user
	csrrw	sp, CSR_SSCRATCH, sp        /* from S-mode: the kernel's sp back, sscratch = 0 */
	addi	sp, sp, -GUEST_FRAME_SIZE
	save_gprs
	addi	t0, sp, GUEST_FRAME_SIZE
	sd	t0, (2 * 8)(sp)
	j	save_csrs
from_user:                                  /* sp = trap-stack top, sscratch = the user's sp */
	addi	sp, sp, -GUEST_FRAME_SIZE
	save_gprs
	csrrw	t0, CSR_SSCRATCH, zero
	sd	t0, (2 * 8)(sp)
	ld	tp, (GUEST_FRAME_SIZE + TOP_TP)(sp)
	ld	gp, (GUEST_FRAME_SIZE + TOP_GP)(sp)
save_csrs:
	csrr	t0, CSR_SEPC
	sd	t0, GUEST_FRAME_SEPC(sp)
	csrr	t0, CSR_SCAUSE
	sd	t0, GUEST_FRAME_SCAUSE(sp)
	csrr	t0, CSR_STVAL
	sd	t0, GUEST_FRAME_STVAL(sp)
	csrr	t0, CSR_SSTATUS
	sd	t0, GUEST_FRAME_SSTATUS(sp)
	mv	a0, sp
	call	trap_dispatch

/* sp = a frame: resume it. */
trap_return:
	ld	t0, GUEST_FRAME_SEPC(sp)
	csrw	CSR_SEPC, t0
	ld	t0, GUEST_FRAME_SSTATUS(sp)
	csrw	CSR_SSTATUS, t0
	andi	t0, t0, SSTATUS_SPP
	bnez	t0, 1f
	addi	t0, sp, GUEST_FRAME_SIZE    /* back to U-mode: the next trap lands above this frame */
	csrw	CSR_SSCRATCH, t0
1:	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, (\n * 8)(sp)
	.endr
	ld	sp, (2 * 8)(sp)
	sret

/* long trap_enter_user(struct kernel_context *ctx, struct guest_trap_frame *f) */
	.globl trap_enter_user
trap_enter_user:
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	sd	s\n, (16 + \n * 8)(a0)
	.endr
	mv	sp, a1
	j	trap_return

/* void trap_resume_kernel(struct kernel_context *ctx, long value): trap_enter_user returns value */
	.globl trap_resume_kernel
trap_resume_kernel:
	ld	ra, 0(a0)
	ld	sp, 8(a0)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	ld	s\n, (16 + \n * 8)(a0)
	.endr
	mv	a0, a1
	ret
