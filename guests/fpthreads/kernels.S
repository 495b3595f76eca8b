/* kernels.S: the two FP workloads, written so that every one of f0-f31 holds a live value for
 * the whole loop (a lost or swapped register shows in the results). Each round handles 24
 * consecutive k, term k going to accumulator f(k mod 24); f24 = k, f25 = 1.0, f26/f27 are the
 * term's temporaries and f28-f31 four more running values. The registers start from state[0..31]
 * and end there (raw 64-bit register contents; single-precision values NaN-boxed), so a run can
 * be continued by another call. Both use fcsr's rounding mode (dynamic) and keep the ABI:
 * fs0-fs11 (f8, f9, f18-f27) are saved on the stack and restored.
 *
 * With every != 0, every `every` rounds the kernel makes an SBI call (BASE get_spec_version)
 * while all 32 FP registers hold live values: an exit the hypervisor must not disturb them in.
 *
 * void fp_kernel_d(unsigned long rounds, uint64_t state[32], unsigned long every): double, 1/k^2
 *   f28 += term^2, f29 += k^2, f30 += term * k, f31 -= term
 * void fp_kernel_s(unsigned long rounds, uint64_t state[32], unsigned long every): single, 1/k^3
 *   f28 += term^2, f29 += k, f30 += term * k, f31 -= term */

#include "riscv/sbi_ids.h"

/* fs0-fs11 of the caller, in a 96-byte frame */
	.macro save_fs
	addi	sp, sp, -96
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	fsd	fs\n, (8 * \n)(sp)
	.endr
	.endm
	.macro restore_fs
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11
	fld	fs\n, (8 * \n)(sp)
	.endr
	addi	sp, sp, 96
	.endm

/* Counts a round down in t1; at zero, an SBI call (a0 and a1 kept in t3 and t4). */
	.macro maybe_ecall
	beqz	a2, 3f
	addi	t1, t1, -1
	bnez	t1, 3f
	mv	t1, a2
	mv	t3, a0
	mv	t4, a1
	li	a7, SBI_EXT_BASE
	li	a6, SBI_BASE_GET_SPEC_VERSION
	ecall
	mv	a0, t3
	mv	a1, t4
3:
	.endm

	.macro load_state
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fld	f\n, (8 * \n)(a1)
	.endr
	.endm

	.section .text
	.balign 4
	.globl fp_kernel_d
fp_kernel_d:
	save_fs
	load_state
	mv	t1, a2
	beqz	a0, 2f
1:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23
	fmul.d	f26, f24, f24
	fdiv.d	f27, f25, f26
	fadd.d	f\n, f\n, f27
	fmadd.d	f28, f27, f27, f28
	fadd.d	f29, f29, f26
	fmadd.d	f30, f27, f24, f30
	fsub.d	f31, f31, f27
	fadd.d	f24, f24, f25
	.endr
	maybe_ecall
	addi	a0, a0, -1
	bnez	a0, 1b
2:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (8 * \n)(a1)
	.endr
	restore_fs
	ret

	.globl fp_kernel_s
fp_kernel_s:
	save_fs
	load_state
	mv	t1, a2
	beqz	a0, 2f
1:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23
	fmul.s	f26, f24, f24
	fmul.s	f26, f26, f24
	fdiv.s	f27, f25, f26
	fadd.s	f\n, f\n, f27
	fmadd.s	f28, f27, f27, f28
	fadd.s	f29, f29, f24
	fmadd.s	f30, f27, f24, f30
	fsub.s	f31, f31, f27
	fadd.s	f24, f24, f25
	.endr
	maybe_ecall
	addi	a0, a0, -1
	bnez	a0, 1b
2:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd	f\n, (8 * \n)(a1)
	.endr
	restore_fs
	ret
