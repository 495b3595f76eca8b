/* sret_hostile.c: sret with hostile sstatus and sepc values in VS-mode, which the hart performs
 * itself (hstatus.VTSR = 0) on vsstatus and vsepc. Expected: all ones written to sstatus leaves
 * only sstatus bits (none of M-mode's or hstatus's), and sret to 0x1000 (where the host has its
 * boot ROM) is an instruction guest-page fault: the VM is stopped with "instruction fetch from
 * guest-physical 0x1000, which is not RAM". Not checked: an odd sepc, because QEMU 7.2 keeps bit 0
 * of vsepc (the architecture says it reads 0) and sret jumps to the odd address; the hypervisor
 * never sees that sret, and the guest then runs misaligned garbage. */
#include <stdio.h>
#include "hostile/common/hostile.h"

/* Every bit sstatus may have on RV64: SIE SPIE UBE SPP VS FS XS SUM MXR UXL SD (and SDT bit 24). */
#define SSTATUS_BITS ((1UL << 1) | (1UL << 5) | (1UL << 6) | (1UL << 8) | (3UL << 9) | (3UL << 13) | \
		      (3UL << 15) | (1UL << 18) | (1UL << 19) | (1UL << 24) | (3UL << 32) | (1UL << 63))

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	__asm__ volatile("csrw sie, zero" ::: "memory");   /* SIE will be set: let nothing interrupt */

	unsigned long saved, ones;
	__asm__ volatile("csrr %0, sstatus\n\tli t0, -1\n\tcsrw sstatus, t0\n\tcsrr %1, sstatus\n\tcsrw sstatus, %0"
			 : "=&r"(saved), "=&r"(ones) : : "t0", "memory");
	printf("hostile: sstatus after writing all ones: bits outside sstatus 0x%lx, SPP %lu\n",
	       ones & ~SSTATUS_BITS, (ones >> 8) & 1);

	printf("hostile: sret to 0x1000\n");
	__asm__ volatile("li t0, 0x1000\n\tcsrw sepc, t0\n\tli t0, %0\n\tcsrs sstatus, t0\n\tsret"
			 : : "i"(SSTATUS_SPP) : "t0", "memory");
	printf("hostile: sret to 0x1000 came back\n");
	hostile_done("sret_hostile");
}
