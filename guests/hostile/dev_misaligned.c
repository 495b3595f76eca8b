/* dev_misaligned.c: misaligned loads and stores to every emulated device. Device registers have
 * side effects, so the hypervisor does not split such an access: the guest gets an access fault
 * (5 load, 7 store, stval = the address), which the privileged spec allows for accesses that
 * should not be emulated. The pflash in array mode is mapped as memory: a misaligned read of its
 * contents is an ordinary memory read and succeeds. The hypervisor keeps running the VM. */
#include <stdio.h>
#include "hostile/common/devices.h"
#include "hostile/common/hostile.h"

static void misaligned_each(const char *dev, unsigned long base)
{
	char what[48];
	snprintf(what, sizeof(what), "%s lhu +0x1", dev);
	hostile_try_load(what, base + 1, 2);
	snprintf(what, sizeof(what), "%s lwu +0x2", dev);
	hostile_try_load(what, base + 2, 4);
	snprintf(what, sizeof(what), "%s ld +0x4", dev);
	hostile_try_load(what, base + 4, 8);
	snprintf(what, sizeof(what), "%s sh +0x3", dev);
	hostile_try_store(what, base + 3, 2, 0);
	snprintf(what, sizeof(what), "%s sw +0x1", dev);
	hostile_try_store(what, base + 1, 4, 0);
	snprintf(what, sizeof(what), "%s sd +0x4", dev);
	hostile_try_store(what, base + 4, 8, 0);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	misaligned_each("testdev", HOSTILE_TESTDEV);
	misaligned_each("uart", HOSTILE_UART);
	misaligned_each("plic", HOSTILE_PLIC);
	/* array mode: the stores fault (they would be commands) but change nothing */
	unsigned long word = hostile_load(HOSTILE_FLASH, 8) >> 8 | hostile_load(HOSTILE_FLASH + 8, 1) << 56;
	printf("hostile: flash array ld +0x1: %s\n", hostile_load(HOSTILE_FLASH + 1, 8) == word ? "the contents" : "WRONG");
	misaligned_each("flash", HOSTILE_FLASH);
	/* command mode: nothing of the flash is mapped, every access exits */
	hostile_store(HOSTILE_FLASH, 4, CFI_QUERY);
	hostile_try_load("flash query lwu +0x42", HOSTILE_FLASH + 0x42, 4);
	hostile_try_load("flash query lwu +0x40", HOSTILE_FLASH + 0x40, 4);
	hostile_store(HOSTILE_FLASH, 4, CFI_READ_ARRAY);
	/* the last bytes of a device: an access running past its end */
	hostile_try_load("testdev ld +0xffc", HOSTILE_TESTDEV + 0xffc, 8);
	hostile_done("dev_misaligned");
}
