/* mem_beyond41.c: a load at GPA 0x20000100000, beyond the 41 bits Sv39x4 translates; its low 41
 * bits name the VM's test device. The H extension says GPA bits 63:41 must be zero or a
 * guest-page fault occurs (vsatp is Bare, so GVA = GPA). Expected: the VM is stopped with the
 * hypervisor's "no RAM or device" diagnostic naming the whole GPA: the hypervisor must neither
 * truncate it to the test device (which would answer 0x6688) nor let the guest go on. */
#include <stdio.h>
#include "hostile/common/hostile.h"

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	unsigned long v = *(volatile unsigned long *)0x20000100000UL;
	printf("hostile: load beyond 41 bits came back: 0x%lx\n", v);
	hostile_done("mem_beyond41");
}
