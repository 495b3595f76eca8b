/* loader.h: guest kernel and initrd loaders (ELF64, Linux RISC-V Image, raw) written against a
 * read callback and a host view of guest RAM, so the host unit tests compile the same files. */
#ifndef HV_LOADER_LOADER_H
#define HV_LOADER_LOADER_H
#include <stdarg.h>
#include "core/err.h"
#include "core/types.h"

/* Reads len bytes at offset of the file into dst; returns bytes read or a negative error. */
typedef int64_t (*loader_read_fn)(void *ctx, uint64_t offset, void *dst, uint64_t len);

/* Guest RAM as the hypervisor sees it: GPA [gpa_base, gpa_base+size) is host[0..size). */
struct loader_ram {
	uint64_t gpa_base, size;
	uint8_t *host;
};

/* What was loaded: entry GPA, the GPA range [lo, hi) written, and the format name. */
struct loader_result {
	uint64_t entry, lo, hi;
	const char *format;        /* "elf", "image", "raw", or "initrd" */
};

#define LOADER_RAW_DEFAULT_OFFSET 0x200000UL  /* raw kernel at ram base + 2 MiB if no address given */
#define LOADER_IMAGE_ALIGN        0x200000UL  /* RV64 Image: 2 MiB-aligned base (boot-image-header.rst) */
#define LOADER_DTB_RESERVE        0x200000UL  /* an initrd stays below the top 2 MiB (the DTB is at the very top) */

/* Detects the format (ELF magic, then Image magic, else raw) and loads the kernel.
 * raw_load_addr is used only for raw kernels (0 = ram base + 2 MiB).
 * On error returns a negative HV_E* code and writes one line naming the problem to err. */
int loader_load_kernel(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		       uint64_t raw_load_addr, struct loader_result *out, char *err, size_t errlen);

/* Places the initrd as high as possible in RAM, 4 KiB-aligned, below the top 2 MiB (kept for the
 * DTB); fails if it would overlap [.., kernel_hi) or does not fit. */
int loader_load_initrd(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		       uint64_t kernel_hi, struct loader_result *out, char *err, size_t errlen);

/* ---- shared by the format back ends (loader.c) ---- */
void loader_errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reads exactly len bytes at off into dst; a short read is a truncated file named by what. */
int loader_read_exact(loader_read_fn read, void *ctx, uint64_t file_size, uint64_t off, void *dst,
		      uint64_t len, const char *what, char *err, size_t errlen);
/* HV_OK if [gpa, gpa+len) lies inside RAM without wrapping; else HV_ERANGE and an error naming what. */
int loader_check_fits(const struct loader_ram *ram, uint64_t gpa, uint64_t len, const char *what,
		      char *err, size_t errlen);
/* Host pointer for a GPA already checked with loader_check_fits. */
uint8_t *loader_host_ptr(const struct loader_ram *ram, uint64_t gpa);

/* ---- the format back ends: elf.c, image.c, raw.c ---- */
bool loader_elf_match(const uint8_t *hdr, size_t n);
int loader_elf_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		    struct loader_result *out, char *err, size_t errlen);
bool loader_image_match(const uint8_t *hdr, size_t n);
int loader_image_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		      struct loader_result *out, char *err, size_t errlen);
int loader_raw_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		    uint64_t load_addr, struct loader_result *out, char *err, size_t errlen);

#endif
