/* mem_virtio.c: a store to the host's own virtio-blk disk (status register of slot 7 at
 * 0x10008070) from inside a VM, which has no virtio device. Expected: the VM is stopped with the
 * hypervisor's "no RAM or device" diagnostic naming GPA 0x10008070, and the host's disk is
 * untouched: the next VM is read from it and runs (asserted by the common test). */
#include <stdio.h>
#include "hostile/common/hostile.h"

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	*(volatile unsigned int *)0x10008070UL = 0;       /* writing 0 would reset the device */
	printf("hostile: store to the host's virtio status came back\n");
	hostile_done("mem_virtio");
}
