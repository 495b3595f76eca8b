/* trap_entry.S: the one trap vector. sscratch is 0 while the hypervisor runs, so a trap taken
 * here is the hypervisor's own (saved on its stack and handed to hv_trap_internal); a guest
 * exit finds the running vCPU's context in sscratch instead (see world_switch.S). */
#include "riscv/csr.h"
#include "arch/trap_frame.h"

	.section .text
	.balign 4
	.globl hv_trap_entry
hv_trap_entry:
	csrrw	t6, CSR_SSCRATCH, t6
	beqz	t6, hv_own_trap
	j	guest_exit
hv_own_trap:
	csrrw	t6, CSR_SSCRATCH, t6
	addi	sp, sp, -FRAME_SIZE
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, (\n * 8)(sp)
	.endr
	addi	t0, sp, FRAME_SIZE
	sd	t0, (2 * 8)(sp)
	csrr	t0, CSR_SEPC
	sd	t0, FRAME_SEPC(sp)
	csrr	t0, CSR_SSTATUS
	sd	t0, FRAME_SSTATUS(sp)
	mv	a0, sp
	call	hv_trap_internal
	ld	t0, FRAME_SEPC(sp)
	csrw	CSR_SEPC, t0
	ld	t0, FRAME_SSTATUS(sp)
	csrw	CSR_SSTATUS, t0
	/* Back to HS-mode, always. A trap OpenSBI redirected here (an access fault of hlv/hlvx) leaves
	 * hstatus.SPV as the last guest exit set it, and sret would then resume in the guest. */
	li	t0, HSTATUS_SPV
	csrc	CSR_HSTATUS, t0
	.irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, (\n * 8)(sp)
	.endr
	addi	sp, sp, FRAME_SIZE
	sret

