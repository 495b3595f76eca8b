/* mem_top41.c: a load at the top of the 41-bit guest-physical space (0x1fffffffff8), which Sv39x4
 * translates but where the VM has nothing. Expected: a load guest-page fault, so the VM is stopped
 * with the hypervisor's "no RAM or device" diagnostic naming that GPA. */
#include <stdio.h>
#include "hostile/common/hostile.h"

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	hostile_load64(0x1fffffffff8UL);
	printf("hostile: load at the top of 41 bits came back\n");
	hostile_done("mem_top41");
}
