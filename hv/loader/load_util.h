/* load_util.h: what every loader shares: the read callback, the host view of guest RAM, the
 * result, and the checks (exact reads, "fits in RAM"). Portable. */
#ifndef HV_LOADER_LOAD_UTIL_H
#define HV_LOADER_LOAD_UTIL_H
#include <stdarg.h>
#include "base/err.h"
#include "base/types.h"

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

void loader_errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reads exactly len bytes at off into dst; a short read is a truncated file named by what. */
int loader_read_exact(loader_read_fn read, void *ctx, uint64_t file_size, uint64_t off, void *dst,
		      uint64_t len, const char *what, char *err, size_t errlen);
/* HV_OK if [gpa, gpa+len) lies inside RAM without wrapping; else HV_ERANGE and an error naming what. */
int loader_check_fits(const struct loader_ram *ram, uint64_t gpa, uint64_t len, const char *what,
		      char *err, size_t errlen);
/* Host pointer for a GPA already checked with loader_check_fits. */
uint8_t *loader_host_ptr(const struct loader_ram *ram, uint64_t gpa);

#endif
