/* mem_clint_mtime.c: a load of the host CLINT/ACLINT's mtime (0x200bff8) from inside a VM, which
 * has no CLINT (its time is the time CSR). Expected: the VM is stopped with the hypervisor's
 * "no RAM or device" diagnostic naming GPA 0x200bff8; the guest never reads the host's mtime. */
#include <stdio.h>
#include "hostile/common/hostile.h"

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	hostile_load64(0x200bff8UL);
	printf("hostile: load of mtime came back\n");
	hostile_done("mem_clint_mtime");
}
