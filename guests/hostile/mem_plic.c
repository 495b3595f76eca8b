/* mem_plic.c: the host PLIC's addresses from inside a VM. Expected: inside the VM's vPLIC window
 * (0xc000000, 6 MiB) the emulated PLIC answers, not the host's (the host's hart-0 S-mode claim
 * register yields nothing of the host's interrupts); just past the window a load stops the VM with
 * the hypervisor's "no RAM or device" diagnostic. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define PLIC_BASE       0x0c000000UL
#define PLIC_WINDOW_END 0x0c600000UL

static unsigned int load32(unsigned long addr)
{
	return *(volatile unsigned int *)addr;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	/* the host's UART (10) and virtio slots (1..8) are sources of the host PLIC */
	printf("hostile: plic priority of source 10: 0x%x\n", load32(PLIC_BASE + 4 * 10));
	printf("hostile: plic pending word: 0x%x\n", load32(PLIC_BASE + 0x1000));
	printf("hostile: plic claim of context 1: 0x%x\n", load32(PLIC_BASE + 0x200004));
	*(volatile unsigned int *)(PLIC_BASE + 0x200000) = 0;          /* context 0 threshold */
	printf("hostile: plic threshold write: ok\n");
	printf("hostile: load past the vPLIC window: 0x%x\n", load32(PLIC_WINDOW_END));
	hostile_done("mem_plic");
}
