/* guest_access.S: reads of guest memory through the guest's own translation (hlvx/hlv),
 * each with a fixup so that a fault returns -1 with the fault recorded (arch/trap.h) instead of a panic. */
	.option arch, +h

	.section .text
/* long guest_fetch_u16(uint64_t gva): the halfword at gva as an instruction fetch would see it */
	.globl guest_fetch_u16
guest_fetch_u16:
1:	hlvx.hu	a0, (a0)
	ret
2:	li	a0, -1
	ret
	.section __fixup_table, "a"
	.balign 8
	.quad	1b, 2b

	.section .text
/* long guest_fetch_u32(uint64_t gva): the word at gva (4-byte aligned) as an instruction fetch would see it */
	.globl guest_fetch_u32
guest_fetch_u32:
5:	hlvx.wu	a0, (a0)
	ret
6:	li	a0, -1
	ret
	.section __fixup_table, "a"
	.balign 8
	.quad	5b, 6b

	.section .text
/* long guest_load_u64(uint64_t gva, uint64_t *out): 0, or -1 if the guest's mapping faults */
	.globl guest_load_u64
guest_load_u64:
3:	hlv.d	a2, (a0)
	sd	a2, 0(a1)
	li	a0, 0
	ret
4:	li	a0, -1
	ret
	.section __fixup_table, "a"
	.balign 8
	.quad	3b, 4b

	.section .text
	.globl hfence_gvma_all
hfence_gvma_all:
	hfence.gvma	zero, zero
	ret
/* hfence_gvma_vmid(vmid) */
	.globl hfence_gvma_vmid
hfence_gvma_vmid:
	hfence.gvma	zero, a0
	ret
/* hfence_vvma_all(): for the VMID in hgatp */
	.globl hfence_vvma_all
hfence_vvma_all:
	hfence.vvma	zero, zero
	ret
/* hfence_vvma_addr(gva) */
	.globl hfence_vvma_addr
hfence_vvma_addr:
	hfence.vvma	a0, zero
	ret
