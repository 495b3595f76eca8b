/* sbi_mask_sv39.c: legacy SBI hart-mask pointers that the guest's own Sv39 table does not map.
 * The hypervisor reads the mask with hlv.d, which faults in the guest's translation: on QEMU 7.2
 * that fault is a load access fault (it judges the VS stage by the hypervisor's satp), so it goes
 * through OpenSBI before it reaches the hypervisor's fixup. Expected: INVALID_ADDRESS (-5) each
 * time and the guest carries on; a mapped mask still works afterwards. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define PAGE 4096UL
#define PPN(pa) (((unsigned long)(pa) >> 12) << PTE_PPN_SHIFT)

static unsigned long root[512] __attribute__((aligned(PAGE)));
static volatile unsigned long mask = 1;

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	root[2] = PPN(0x80000000UL) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;   /* RAM, identity */
	__asm__ volatile("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma"
			 : : "r"((SATP_MODE_SV39 << SATP_MODE_SHIFT) | ((unsigned long)root >> 12)) : "memory");
	printf("hostile: Sv39 on\n");
	hostile_sbi("remote_fence_i mask unmapped", SBI_LEGACY_REMOTE_FENCE_I, 0xdead, 0xc0000000UL, 0, 0, 0, 0);
	hostile_sbi("remote_fence_i mask non-canonical", SBI_LEGACY_REMOTE_FENCE_I, 0xdead,
		    0x645a4b7ba564014cUL, 0, 0, 0, 0);
	hostile_sbi("remote_fence_i mask mapped", SBI_LEGACY_REMOTE_FENCE_I, 0xdead, (unsigned long)&mask, 0, 0, 0, 0);
	hostile_done("sbi_mask_sv39");
}
