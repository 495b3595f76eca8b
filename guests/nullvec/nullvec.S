/* nullvec.S: a guest that takes an exception with stvec = 0: the exception is delivered to
 * guest-physical 0, where there is no RAM, so the hypervisor must stop the VM with a diagnostic. */
	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	stvec, zero
	csrr	a0, mhartid
	j	.
