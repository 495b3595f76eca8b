/* skernel.S: the simple_hv exercise payload, no runtime: reads mhartid (the hypervisor must
 * emulate it), loads the doubleword at guest-physical 64 (a guest-page fault the hypervisor
 * must resolve or emulate), then asks for a legacy SBI shutdown. */
	.section .text.entry, "ax"
	.option norvc              /* four 4-byte instructions at 0x80200000, 4, 8, 0xc */
	.globl _start
_start:
	csrr	a1, mhartid
	ld	a0, 64(zero)
	li	a7, 8
	ecall
	j	.
