/* load_util.c: the checks every loader shares: exact reads and "fits in RAM" (portable). */
#include <stdio.h>
#include "loader/load_util.h"

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
