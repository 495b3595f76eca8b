/* loader.c: picks the kernel format (ELF, then Image, else raw), places the initrd, and holds the
 * checks every loader shares: exact reads and "fits in RAM". */
#include <stdio.h>
#include <string.h>
#include "loader/loader.h"

void loader_errf(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int loader_read_exact(loader_read_fn read, void *ctx, uint64_t file_size, uint64_t off, void *dst,
		      uint64_t len, const char *what, char *err, size_t errlen)
{
	if (len == 0)
		return HV_OK;
	if (off > file_size || len > file_size - off) {
		loader_errf(err, errlen, "%s past the end of the file (size %llu)", what,
			    (unsigned long long)file_size);
		return HV_ECORRUPT;
	}
	int64_t n = read(ctx, off, dst, len);
	if (n < 0) {
		loader_errf(err, errlen, "%s: read at offset 0x%llx failed: %s", what,
			    (unsigned long long)off, hv_strerror((int)n));
		return (int)n;
	}
	if ((uint64_t)n != len) {
		loader_errf(err, errlen, "%s: short read at offset 0x%llx (%lld of %llu bytes)", what,
			    (unsigned long long)off, (long long)n, (unsigned long long)len);
		return HV_EIO;
	}
	return HV_OK;
}

int loader_check_fits(const struct loader_ram *ram, uint64_t gpa, uint64_t len, const char *what,
		      char *err, size_t errlen)
{
	uint64_t end = ram->gpa_base + ram->size;
	if (gpa < ram->gpa_base || gpa > end || len > end - gpa) {
		loader_errf(err, errlen, "%s (0x%llx+0x%llx) does not fit in RAM 0x%llx-0x%llx", what,
			    (unsigned long long)gpa, (unsigned long long)len,
			    (unsigned long long)ram->gpa_base, (unsigned long long)end);
		return HV_ERANGE;
	}
	return HV_OK;
}

uint8_t *loader_host_ptr(const struct loader_ram *ram, uint64_t gpa)
{
	return ram->host + (gpa - ram->gpa_base);
}

static int check_ram(const struct loader_ram *ram, const char *who, char *err, size_t errlen)
{
	if (!ram || !ram->host || ram->size == 0 || ram->gpa_base + ram->size < ram->gpa_base) {
		loader_errf(err, errlen, "%s: invalid guest RAM description", who);
		return HV_EINVAL;
	}
	return HV_OK;
}

int loader_load_kernel(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		       uint64_t raw_load_addr, struct loader_result *out, char *err, size_t errlen)
{
	int rc = check_ram(ram, "kernel", err, errlen);
	if (rc)
		return rc;
	if (file_size == 0) {
		loader_errf(err, errlen, "kernel: empty file");
		return HV_EINVAL;
	}
	uint8_t hdr[64];
	size_t n = file_size < sizeof(hdr) ? (size_t)file_size : sizeof(hdr);
	rc = loader_read_exact(read, ctx, file_size, 0, hdr, n, "kernel: header", err, errlen);
	if (rc)
		return rc;
	if (loader_elf_match(hdr, n))
		return loader_elf_load(ram, read, ctx, file_size, out, err, errlen);
	if (loader_image_match(hdr, n))
		return loader_image_load(ram, read, ctx, file_size, out, err, errlen);
	return loader_raw_load(ram, read, ctx, file_size, raw_load_addr, out, err, errlen);
}

int loader_load_initrd(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		       uint64_t kernel_hi, struct loader_result *out, char *err, size_t errlen)
{
	int rc = check_ram(ram, "initrd", err, errlen);
	if (rc)
		return rc;
	if (file_size == 0) {
		loader_errf(err, errlen, "initrd: empty file");
		return HV_EINVAL;
	}
	uint64_t ram_end = ram->gpa_base + ram->size;
	uint64_t floor = kernel_hi > ram->gpa_base ? ALIGN_UP(kernel_hi, PAGE_SIZE) : ram->gpa_base;
	if (ram->size <= LOADER_DTB_RESERVE || file_size > ram_end - LOADER_DTB_RESERVE - ram->gpa_base) {
		loader_errf(err, errlen, "initrd: %llu bytes do not fit in RAM 0x%llx-0x%llx below the "
			    "2 MiB kept for the DTB", (unsigned long long)file_size,
			    (unsigned long long)ram->gpa_base, (unsigned long long)ram_end);
		return HV_ERANGE;
	}
	uint64_t lo = ALIGN_DOWN(ram_end - LOADER_DTB_RESERVE - file_size, PAGE_SIZE);
	if (floor < kernel_hi || lo < floor) {   /* floor < kernel_hi: ALIGN_UP wrapped */
		loader_errf(err, errlen, "initrd: %llu bytes at 0x%llx would overlap the kernel "
			    "(ends at 0x%llx); RAM 0x%llx-0x%llx is too small", (unsigned long long)file_size,
			    (unsigned long long)lo, (unsigned long long)kernel_hi,
			    (unsigned long long)ram->gpa_base, (unsigned long long)ram_end);
		return HV_ERANGE;
	}
	rc = loader_read_exact(read, ctx, file_size, 0, loader_host_ptr(ram, lo), file_size,
			       "initrd: data", err, errlen);
	if (rc)
		return rc;
	out->entry = 0;
	out->lo = lo;
	out->hi = lo + file_size;
	out->format = "initrd";
	return HV_OK;
}
