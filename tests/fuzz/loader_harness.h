/* loader_harness.h: the loader fuzz targets' shared harness: guarded guest RAM, a file read from the input, and the checks. */
#ifndef TESTS_FUZZ_LOADER_HARNESS_H
#define TESTS_FUZZ_LOADER_HARNESS_H
#include <stddef.h>
#include <stdint.h>
#include "loader/loader.h"

#define LOADER_HARNESS_PREFIX 8   /* input bytes before the file: RAM layout, flags, raw load offset */

/* Loads the file part of the input with load() and checks the result; see loader_harness.c. */
typedef int (*loader_harness_load_fn)(const struct loader_ram *ram, loader_read_fn read, void *ctx,
				      uint64_t file_size, uint64_t raw_load_addr, struct loader_result *out,
				      char *err, size_t errlen);
void loader_harness_run(const uint8_t *data, size_t size, loader_harness_load_fn load);

#endif
