/* fuzz_image.c: libFuzzer target for the Linux Image loader (called directly, so no magic is needed) and the initrd placer.
 * fuzz-sources: tests/fuzz/loader_harness.c hv/loader/loader.c hv/loader/load_util.c hv/loader/elf.c hv/loader/image.c hv/loader/raw.c hv/base/err.c
 * Input: the 8-byte harness prefix (loader_harness.c), then the Image file.
 */
#include <stdint.h>
#include "loader/formats.h"
#include "loader_harness.h"

/* loader_image_load with the harness's signature (an Image has no raw load address). */
static int fuzz_image_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
			   uint64_t raw_load_addr, struct loader_result *out, char *err, size_t errlen)
{
	(void)raw_load_addr;
	return loader_image_load(ram, read, ctx, file_size, out, err, errlen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	loader_harness_run(data, size, fuzz_image_load);
	return 0;
}
