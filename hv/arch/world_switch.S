/* world_switch.S: run a vCPU until an exit needs the scheduler.
 * world_switch(v) saves the host's callee-saved registers in v->host, loads the guest's registers
 * and sret's. guest_exit (reached from hv_trap_entry with t6 = v) saves the guest's registers and
 * the exit CSRs into v and calls exit_handle(v) right here, on the host stack: while it returns
 * EXIT_CONTINUE the guest is resumed at once, with no trip through the scheduler and no reload of
 * the host's callee-saved registers; any other result returns from world_switch to its C caller.
 * Before it resumes the guest it carries out the vCPU's requests (exit_apply_requests), if any.
 * A VS ecall first tries exit_handle_fast(v) with only the caller-saved registers saved (C keeps
 * s0..s11, which still hold the guest's), and resumes the guest restoring only those; stval, htval
 * and htinst are read only for other exits (v's copies are stale for an ecall). */
#include "riscv/csr.h"
#include "vm/vcpu.h"

#define HOST(n) (VCPU_OFF_HOST + (n) * 8)

/* the registers a C call may change: ra, sp, gp, tp (the host's are loaded), t0-t6, a0-a7 */
#define CALLER_SAVED_BUT_T6 1,2,3,4,5,6,7,10,11,12,13,14,15,16,17,28,29,30
#define CALLEE_SAVED        8,9,18,19,20,21,22,23,24,25,26,27

	.section .text
	.globl world_switch
world_switch:
	sd	ra, HOST(0)(a0)
	sd	sp, HOST(1)(a0)
	sd	gp, HOST(2)(a0)
	sd	tp, HOST(3)(a0)
	sd	s0, HOST(4)(a0)
	sd	s1, HOST(5)(a0)
	sd	s2, HOST(6)(a0)
	sd	s3, HOST(7)(a0)
	sd	s4, HOST(8)(a0)
	sd	s5, HOST(9)(a0)
	sd	s6, HOST(10)(a0)
	sd	s7, HOST(11)(a0)
	sd	s8, HOST(12)(a0)
	sd	s9, HOST(13)(a0)
	sd	s10, HOST(14)(a0)
	sd	s11, HOST(15)(a0)
/* a0 = v: into the guest with all its registers */
enter_guest:
	.irp n, CALLEE_SAVED
	ld	x\n, (\n * 8)(a0)
	.endr
	mv	t6, a0
/* t6 = v, s0..s11 already the guest's: the exit CSRs and the other registers, then sret */
resume_guest:
	ld	t0, VCPU_OFF_SEPC(t6)
	csrw	CSR_SEPC, t0
	ld	t0, VCPU_OFF_SSTATUS(t6)
	csrw	CSR_SSTATUS, t0
	ld	t0, VCPU_OFF_HSTATUS(t6)
	csrw	CSR_HSTATUS, t0
	csrw	CSR_SSCRATCH, t6
	.irp n, CALLER_SAVED_BUT_T6
	ld	x\n, (\n * 8)(t6)
	.endr
	ld	t6, (31 * 8)(t6)
	sret

	.globl guest_exit
guest_exit:
	.irp n, CALLER_SAVED_BUT_T6
	sd	x\n, (\n * 8)(t6)
	.endr
	csrr	t5, CSR_SSCRATCH
	sd	t5, (31 * 8)(t6)
	csrw	CSR_SSCRATCH, zero
	csrr	t0, CSR_SEPC
	sd	t0, VCPU_OFF_SEPC(t6)
	csrr	t0, CSR_SSTATUS
	sd	t0, VCPU_OFF_SSTATUS(t6)
	csrr	t0, CSR_HSTATUS
	sd	t0, VCPU_OFF_HSTATUS(t6)
	/* the hypervisor runs with the FPU off, so a stray FP instruction traps */
	li	t1, SSTATUS_FS
	csrc	CSR_SSTATUS, t1
	csrr	t0, CSR_SCAUSE
	sd	t0, VCPU_OFF_SCAUSE(t6)
	li	t1, CAUSE_VIRTUAL_SUPERVISOR_ECALL
	bne	t0, t1, 1f
	ld	sp, HOST(1)(t6)
	ld	gp, HOST(2)(t6)
	ld	tp, HOST(3)(t6)
	addi	sp, sp, -16
	sd	t6, 0(sp)
	mv	a0, t6
	call	exit_handle_fast
	ld	t6, 0(sp)
	addi	sp, sp, 16
	bnez	a0, resume_guest
	j	2f
1:	csrr	t0, CSR_STVAL
	sd	t0, VCPU_OFF_STVAL(t6)
	csrr	t0, CSR_HTVAL
	sd	t0, VCPU_OFF_HTVAL(t6)
	csrr	t0, CSR_HTINST
	sd	t0, VCPU_OFF_HTINST(t6)
2:	.irp n, CALLEE_SAVED
	sd	x\n, (\n * 8)(t6)
	.endr
	/* s0 = v across the call (the guest's s0 is saved); the host's sp, gp and tp for C */
	mv	s0, t6
	ld	sp, HOST(1)(s0)
	ld	gp, HOST(2)(s0)
	ld	tp, HOST(3)(s0)
	mv	a0, s0
	call	exit_handle
	bnez	a0, 3f
	/* requests that came meanwhile (a device this exit raised, a fence it asked for) first */
	lw	t0, VCPU_OFF_REQ(s0)
	bnez	t0, 4f
	mv	a0, s0
	j	enter_guest
4:	mv	a0, s0
	call	exit_apply_requests
	beqz	a0, 5f
	j	3f
5:	mv	a0, s0
	j	enter_guest
3:	/* a0 = the exit_result for world_switch's caller */
	mv	t0, s0
	ld	ra, HOST(0)(t0)
	ld	sp, HOST(1)(t0)
	ld	gp, HOST(2)(t0)
	ld	tp, HOST(3)(t0)
	ld	s0, HOST(4)(t0)
	ld	s1, HOST(5)(t0)
	ld	s2, HOST(6)(t0)
	ld	s3, HOST(7)(t0)
	ld	s4, HOST(8)(t0)
	ld	s5, HOST(9)(t0)
	ld	s6, HOST(10)(t0)
	ld	s7, HOST(11)(t0)
	ld	s8, HOST(12)(t0)
	ld	s9, HOST(13)(t0)
	ld	s10, HOST(14)(t0)
	ld	s11, HOST(15)(t0)
	ret

/* fp_save(uint64_t *fp) / fp_restore(const uint64_t *fp): f0..f31 then fcsr; FS on only meanwhile. */
	.globl fp_save
fp_save:
	li	t0, SSTATUS_FS
	csrs	CSR_SSTATUS, t0
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (\n * 8)(a0)
	.endr
	frcsr	t1
	sd	t1, (32 * 8)(a0)
	csrc	CSR_SSTATUS, t0
	ret

	.globl fp_restore
fp_restore:
	li	t0, SSTATUS_FS
	csrs	CSR_SSTATUS, t0
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, (\n * 8)(a0)
	.endr
	ld	t1, (32 * 8)(a0)
	fscsr	t1
	csrc	CSR_SSTATUS, t0
	ret
