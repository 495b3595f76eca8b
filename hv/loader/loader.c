/* loader.c: picks the kernel format (ELF, then Image, else raw) and places the initrd. */
#include <stdio.h>
#include <string.h>
#include "loader/formats.h"
#include "loader/loader.h"

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
