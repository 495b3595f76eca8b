/* vstvec_zero.c: stvec = 0, then ebreak, which the hart delivers straight to the guest (hedeleg)
 * without the hypervisor: the trap vector at GPA 0 is no RAM, so the fetch there is an instruction
 * guest-page fault and the VM is stopped with "instruction fetch from guest-physical 0x0" instead of
 * trapping forever. (guests/nullvec covers the same with an exception the hypervisor injects.) */
#include <stdio.h>
#include "hostile/common/hostile.h"

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	printf("hostile: stvec = 0, ebreak\n");
	__asm__ volatile("csrw stvec, zero\n\tebreak" ::: "memory");
	printf("hostile: ebreak came back\n");
	hostile_done("vstvec_zero");
}
