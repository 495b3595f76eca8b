/* start.S: guest entry. _start (boot hart: a0 = hart id, a1 = DTB GPA) clears BSS and calls
 * main; _secondary_start (a hart started by SBI HSM: a0 = hart id, a1 = opaque) calls
 * secondary_main and then stops the hart. Each hart gets its own stack and TLS block (tp). */
#include "lib/csr.h"
#include "lib/guest.h"

/* Every hart's first steps: interrupts off, the trap vector, a hart id we have a stack for;
 * keeps the hart id in s0 and the second argument in s1. */
	.macro hart_entry
	csrw	CSR_SIE, zero
	la	t0, guest_trap_vector
	csrw	CSR_STVEC, t0
	li	t0, GUEST_MAX_HARTS
	bgeu	a0, t0, park
	mv	s0, a0
	mv	s1, a1
	.endm

	.section .text.entry, "ax"
	.globl _start
_start:
	hart_entry
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	hart_setup
	mv	a0, s0
	mv	a1, s1
	call	main
	call	guest_exit          /* a0 = main's return value; never returns */
	j	park

	.globl _secondary_start
_secondary_start:
	hart_entry
	call	hart_setup
	mv	a0, s0
	mv	a1, s1
	call	secondary_main
	call	guest_hart_stop     /* never returns */
park:
	wfi
	j	park

/* gp, sp = top of hart s0's stack, tp = hart s0's TLS block, FPU on (Initial). Clobbers t0/t1/a0. */
hart_setup:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	li	t0, SSTATUS_FS_INITIAL
	csrs	CSR_SSTATUS, t0
	fscsr	zero
	la	sp, guest_stacks
	addi	t0, s0, 1
	li	t1, GUEST_STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
	la	tp, guest_tls
	li	t1, GUEST_TLS_SIZE
	mul	t0, s0, t1
	add	tp, tp, t0
	mv	s2, ra
	mv	a0, s0
	call	guest_tls_init
	mv	ra, s2
	ret

	.text
	.weak	secondary_main
secondary_main:
	ret

	.section .bss
	.balign 16
guest_stacks:
	.space	GUEST_STACK_SIZE * GUEST_MAX_HARTS
	.balign 64
	.globl	guest_tls
guest_tls:
	.space	GUEST_TLS_SIZE * GUEST_MAX_HARTS
