/* traploop.S: a guest whose trap handler itself traps (it reads mhartid, which its VM does not
 * emulate): every illegal instruction is delivered at the same pc, forever. The hypervisor must
 * see no progress and stop the VM with a diagnostic. */
	.section .text.entry, "ax"
	.globl _start
_start:
	la	t0, handler
	csrw	stvec, t0
	csrr	a0, mhartid
	j	.
	.balign 4
handler:
	csrr	a0, mhartid
	sret
