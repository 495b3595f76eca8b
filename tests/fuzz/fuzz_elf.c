/* fuzz_elf.c: libFuzzer target for the kernel loader's front door (ELF64, falling back to Image and raw) on guarded guest RAM.
 * fuzz-sources: tests/fuzz/loader_harness.c hv/loader/loader.c hv/loader/load_util.c hv/loader/elf.c hv/loader/image.c hv/loader/raw.c hv/base/err.c
 * Input: the 8-byte harness prefix (loader_harness.c), then the kernel file.
 */
#include <stdint.h>
#include "loader_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	loader_harness_run(data, size, loader_load_kernel);
	return 0;
}
