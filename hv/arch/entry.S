/* entry.S: where OpenSBI enters the hypervisor (a0 = hart id, a1 = DTB): stack, gp, tp, BSS. */
#include "riscv/csr.h"
#include "riscv/sbi_ids.h"
#include "vm/hart.h"

/* Every hart's first steps: interrupts off, our trap vector, no vCPU in sscratch, a hart id we
 * have a stack for (every id OpenSBI can boot), else `beyond`; keeps the hart id in s0 and the
 * second argument in s1. */
	.macro hart_entry beyond
	csrw	CSR_SIE, zero
	la	t0, hv_trap_entry
	csrw	CSR_STVEC, t0
	csrw	CSR_SSCRATCH, zero
	li	t0, HV_MAX_HARTS
	bgeu	a0, t0, \beyond
	mv	s0, a0
	mv	s1, a1
	.endm

	.section .text.entry, "ax"
	.globl _start
_start:
	hart_entry boot_hart_beyond
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	mv	a0, s0
	call	hart_set_stack_and_tp
	mv	a0, s0
	mv	a1, s1
	call	boot_main
	j	park

	/* Secondary harts started through SBI HSM: a0 = hart id, a1 = opaque. */
	.globl _secondary_start
_secondary_start:
	hart_entry park
	call	hart_set_stack_and_tp
	mv	a0, s0
	mv	a1, s1
	call	secondary_main
park:
	wfi
	j	park

/* A boot hart without a struct hart: no stack, so no C. Say so through SBI putchar, power off. */
boot_hart_beyond:
	la	s0, beyond_msg
1:	lbu	a0, 0(s0)
	beqz	a0, 2f
	li	a7, SBI_EXT_LEGACY_PUTCHAR
	ecall
	addi	s0, s0, 1
	j	1b
2:	li	a7, SBI_EXT_LEGACY_SHUTDOWN
	ecall
	j	park

	.section .rodata
beyond_msg:
	.asciz	"Hartvisor: the boot hart's id is 128 or more; the hypervisor keeps state for hart ids 0..127 only. Powering off.\r\n"
	.previous

/* sp = top of this hart's stack, gp, tp = this hart's struct hart (its TLS block first); a0 = hart
 * id. Uses t0/t1 only. */
hart_set_stack_and_tp:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, hart_stacks
	addi	t0, a0, 1
	li	t1, HART_STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
	la	tp, harts
	li	t1, HART_SIZE
	mul	t0, a0, t1
	add	tp, tp, t0
	mv	s2, ra
	call	hart_init
	mv	ra, s2
	ret

	.section .bss
	.balign 16
	.globl hart_stacks
hart_stacks:
	.space	HART_STACK_SIZE * HV_MAX_HARTS
	.balign 16
	.globl harts
harts:
	.space	HART_SIZE * HV_MAX_HARTS
