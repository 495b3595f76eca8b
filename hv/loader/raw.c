/* raw.c: loads a flat binary kernel as-is at a given GPA (default RAM base + 2 MiB); entry = load address. */
#include "loader/formats.h"

int loader_raw_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		    uint64_t load_addr, struct loader_result *out, char *err, size_t errlen)
{
	if (load_addr == 0)
		load_addr = ram->gpa_base + LOADER_RAW_DEFAULT_OFFSET;
	int rc = loader_check_fits(ram, load_addr, file_size, "kernel: raw image", err, errlen);
	if (rc)
		return rc;
	rc = loader_read_exact(read, ctx, file_size, 0, loader_host_ptr(ram, load_addr), file_size,
			       "kernel: raw image data", err, errlen);
	if (rc)
		return rc;
	out->entry = load_addr;
	out->lo = load_addr;
	out->hi = load_addr + file_size;
	out->format = "raw";
	return HV_OK;
}
