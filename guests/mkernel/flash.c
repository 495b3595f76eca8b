/* flash.c: the application image in the CFI flash, in the classic pflash format: "pfld", bytes
 * 00 00 00 01, the payload size as a big-endian u32 at offset 8, the payload at offset 16. */
#include <stdio.h>
#include "kernel.h"

#define PFLASH_MAGIC   0x646C6670u   /* "pfld" read as a little-endian u32 */
#define PFLASH_VERSION 1u
#define PFLASH_HEADER  16u

static uint32_t flash_read32(uint64_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

int flash_find_payload(uint64_t base, uint64_t size, const void **payload, size_t *len)
{
	if (size < PFLASH_HEADER) {
		printf("mkernel: flash of %lu bytes has no room for a header\n", (unsigned long)size);
		return -1;
	}
	uint32_t magic = flash_read32(base);
	uint32_t version = __builtin_bswap32(flash_read32(base + 4));
	uint32_t n = __builtin_bswap32(flash_read32(base + 8));
	if (magic != PFLASH_MAGIC || version != PFLASH_VERSION) {
		printf("mkernel: no pflash image at 0x%lx (magic 0x%08x, version %u)\n",
		       (unsigned long)base, (unsigned)magic, (unsigned)version);
		return -1;
	}
	if (n == 0 || n > size - PFLASH_HEADER) {
		printf("mkernel: pflash payload of %u bytes: empty, or larger than the flash\n",
		       (unsigned)n);
		return -1;
	}
	*payload = (const void *)(uintptr_t)(base + PFLASH_HEADER);
	*len = n;
	return 0;
}
