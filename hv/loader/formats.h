/* formats.h: the kernel format back ends that loader.c chooses between (elf.c, image.c, raw.c). */
#ifndef HV_LOADER_FORMATS_H
#define HV_LOADER_FORMATS_H
#include "loader/load_util.h"

bool loader_elf_match(const uint8_t *hdr, size_t n);
int loader_elf_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		    struct loader_result *out, char *err, size_t errlen);
bool loader_image_match(const uint8_t *hdr, size_t n);
int loader_image_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		      struct loader_result *out, char *err, size_t errlen);
int loader_raw_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		    uint64_t load_addr, struct loader_result *out, char *err, size_t errlen);

#endif
