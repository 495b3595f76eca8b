/* loader.h: guest kernel and initrd loaders (ELF64, Linux RISC-V Image, raw) written against a
 * read callback and a host view of guest RAM, so the host unit tests compile the same files. */
#ifndef HV_LOADER_LOADER_H
#define HV_LOADER_LOADER_H
#include "loader/load_util.h"

/* Detects the format (ELF magic, then Image magic, else raw) and loads the kernel.
 * raw_load_addr is used only for raw kernels (0 = ram base + 2 MiB).
 * On error returns a negative HV_E* code and writes one line naming the problem to err. */
int loader_load_kernel(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		       uint64_t raw_load_addr, struct loader_result *out, char *err, size_t errlen);

/* Places the initrd as high as possible in RAM, 4 KiB-aligned, below the top 2 MiB (kept for the
 * DTB); fails if it would overlap [.., kernel_hi) or does not fit. */
int loader_load_initrd(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		       uint64_t kernel_hi, struct loader_result *out, char *err, size_t errlen);

#endif
