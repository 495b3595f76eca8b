/* pagetable_device.c: the guest's Sv39 root points a non-leaf PTE at its test device (GPA
 * 0x100000), so translating VA 0xc0000000 makes the hart read a page-table entry from MMIO: an
 * implicit access, a load guest-page fault at 0x100000 while the guest's own instruction is an
 * ordinary load from 0xc0000000. Expected: the hypervisor must not emulate that load as a device
 * read (the guest would get the device's 0x6688 for a VA that maps nothing); page tables in a
 * device are no RAM, so the VM is stopped with a diagnostic naming the page-table walk. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define PAGE 4096UL
#define PPN(pa) (((unsigned long)(pa) >> 12) << PTE_PPN_SHIFT)

static unsigned long root[512] __attribute__((aligned(PAGE)));

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	root[2] = PPN(0x80000000UL) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
	root[3] = PPN(0x100000UL) | PTE_V;                      /* next level: the test device */
	__asm__ volatile("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma"
			 : : "r"((SATP_MODE_SV39 << SATP_MODE_SHIFT) | ((unsigned long)root >> 12)) : "memory");
	printf("hostile: Sv39 on, VA 0xc0000000 walks through the test device\n");
	unsigned long v = *(volatile unsigned long *)0xc0000000UL;
	printf("hostile: load through a device page table came back: 0x%lx\n", v);
	hostile_done("pagetable_device");
}
