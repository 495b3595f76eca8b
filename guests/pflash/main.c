/* main.c: the pflash guest (the classic pflash exercise): finds the CFI flash in its device tree
 * and reads the image header there with plain loads: "pfld", version 00 00 00 01, then the
 * payload size as a big-endian u32. */
#include <stdint.h>
#include <stdio.h>
#include "lib/fdt.h"

#define PFLASH_MAGIC 0x646C6670u  /* "pfld" read as a little-endian u32 */

static uint32_t flash_read32(uint64_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

int main(unsigned long hartid, unsigned long dtb)
{
	uint64_t base, size;
	(void)hartid;

	if (guest_fdt_find_reg((const void *)dtb, "cfi-flash", &base, &size) < 0) {
		printf("pflash: no cfi-flash device in the device tree\n");
		return 1;
	}

	uint32_t magic = flash_read32(base);
	printf("Try to access dev region [0x%lx], got 0x%08X\n", (unsigned long)base, magic);
	if (magic != PFLASH_MAGIC) {
		printf("pflash: bad magic 0x%08X (want \"pfld\")\n", magic);
		return 1;
	}
	printf("Got pflash magic: %c%c%c%c\n", (char)magic, (char)(magic >> 8),
	       (char)(magic >> 16), (char)(magic >> 24));

	uint32_t version = __builtin_bswap32(flash_read32(base + 4));
	uint32_t payload = __builtin_bswap32(flash_read32(base + 8));
	printf("pflash: version %u, payload %u bytes\n", (unsigned)version, (unsigned)payload);
	return 0;
}
