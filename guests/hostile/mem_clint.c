/* mem_clint.c: a store to the host CLINT/ACLINT's mtimecmp for hart 0 (0x2004000) from inside a
 * VM, which has no CLINT. Expected: it never reaches the host's timer; the VM is stopped with the
 * hypervisor's "no RAM or device" diagnostic naming GPA 0x2004000 (and the host keeps time: the
 * healthy VM that follows runs). */
#include <stdio.h>
#include "hostile/common/hostile.h"

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	hostile_store64(0x2004000UL);
	printf("hostile: store to mtimecmp came back\n");
	hostile_done("mem_clint");
}
