/* loader_harness.c: runs a loader on a fuzzed file over guest RAM fenced by PROT_NONE pages and checks it wrote only what it reported.
 * Input: byte 0 picks the RAM layout, byte 1 bit 0 also loads the file as an initrd, bytes 2-5 the raw
 * load offset from the RAM base (0 = the loader's default); the file is the rest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "loader_harness.h"
#include "fuzz_check.h"

#define HARNESS_RAM_MAX (3u << 20)
#define HARNESS_FILL    0xAA

struct harness_file {
	const uint8_t *data;
	uint64_t size;
};

static uint8_t *region;       /* guard page, HARNESS_RAM_MAX bytes, guard page */
static uint8_t pattern[HARNESS_RAM_MAX];
static struct loader_ram ram;

/* RAM layouts: a plain 2 MiB-aligned one, an unaligned base (Image rounds up), one ending at the top of the
 * 64-bit space, one at GPA 0, and a single page. */
static const struct { uint64_t base, size; } layouts[] = {
	{ 0x80000000ULL, HARNESS_RAM_MAX },
	{ 0x801f0000ULL, 0x220000 + 0x10000 },
	{ 0xffffffffffd00000ULL, 0x2ff000 },
	{ 0, 1u << 20 },
	{ 0x80000000ULL, 4096 },
};

static void harness_setup(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(NULL, HARNESS_RAM_MAX + 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	FUZZ_CHECK(m != MAP_FAILED);
	FUZZ_CHECK(mprotect(m, page, PROT_NONE) == 0);
	FUZZ_CHECK(mprotect(m + page + HARNESS_RAM_MAX, page, PROT_NONE) == 0);
	region = m + page;
	memset(pattern, HARNESS_FILL, sizeof(pattern));
	memcpy(region, pattern, HARNESS_RAM_MAX);
}

/* The RAM's host bytes end right at the upper guard page, so a write past the end faults at once. */
static void harness_ram(uint8_t sel)
{
	size_t n = sizeof(layouts) / sizeof(layouts[0]);
	ram.gpa_base = layouts[sel % n].base;
	ram.size = layouts[sel % n].size;
	ram.host = region + HARNESS_RAM_MAX - ram.size;
}

static int64_t harness_read(void *ctx, uint64_t off, void *dst, uint64_t len)
{
	const struct harness_file *f = ctx;
	uint8_t *d = dst;

	/* a destination in guest RAM must lie wholly inside the RAM the loader was given */
	if (d >= region && d < region + HARNESS_RAM_MAX)
		FUZZ_CHECK(d >= ram.host && len <= ram.size && (size_t)(d - ram.host) <= ram.size - len);
	if (off > f->size)
		return 0;
	if (len > f->size - off)
		len = f->size - off;
	memcpy(dst, f->data + off, len);
	return (int64_t)len;
}

/* Every byte of the region outside host [lo, hi) still holds the fill; then the fill is restored. */
static void harness_check_untouched(size_t lo, size_t hi)
{
	uint8_t *host_lo = ram.host + lo, *host_hi = ram.host + hi;
	FUZZ_CHECK(!memcmp(region, pattern, (size_t)(host_lo - region)));
	FUZZ_CHECK(!memcmp(host_hi, pattern, (size_t)(region + HARNESS_RAM_MAX - host_hi)));
	memset(host_lo, HARNESS_FILL, hi - lo);
}

static void harness_check(int rc, const struct loader_result *out, const char *err, const struct harness_file *file,
			  bool initrd)
{
	if (rc != HV_OK) {
		/* a failed load names the problem and writes nothing: every check comes before the copy */
		FUZZ_CHECK(rc < 0 && rc >= HV_ECORRUPT && err[0] != 0);
		harness_check_untouched(0, 0);
		return;
	}
	uint64_t end = ram.gpa_base + ram.size;
	FUZZ_CHECK(out->format != NULL);
	FUZZ_CHECK(out->lo >= ram.gpa_base && out->lo <= out->hi && out->hi <= end);
	if (initrd)
		FUZZ_CHECK(out->entry == 0 && !strcmp(out->format, "initrd"));
	else
		FUZZ_CHECK(out->entry >= out->lo && out->entry < out->hi);
	/* raw, Image and initrd are the file itself at lo */
	if (strcmp(out->format, "elf"))
		FUZZ_CHECK(out->hi - out->lo >= file->size &&
			   !memcmp(ram.host + (out->lo - ram.gpa_base), file->data, file->size));
	harness_check_untouched(out->lo - ram.gpa_base, out->hi - ram.gpa_base);
}

void loader_harness_run(const uint8_t *data, size_t size, loader_harness_load_fn load)
{
	if (!region)
		harness_setup();
	if (size < LOADER_HARNESS_PREFIX)
		return;
	harness_ram(data[0]);
	uint32_t raw_off = (uint32_t)data[2] | (uint32_t)data[3] << 8 | (uint32_t)data[4] << 16 | (uint32_t)data[5] << 24;
	uint64_t raw_addr = raw_off ? ram.gpa_base + raw_off : 0;
	struct harness_file file = { data + LOADER_HARNESS_PREFIX, size - LOADER_HARNESS_PREFIX };
	struct loader_result out;
	char err[160];

	memset(&out, 0, sizeof(out));
	err[0] = 0;
	int rc = load(&ram, harness_read, &file, file.size, raw_addr, &out, err, sizeof(err));
	FUZZ_CHECK(memchr(err, 0, sizeof(err)) != NULL);
	harness_check(rc, &out, err, &file, false);
	if (data[1] & 1) {
		uint64_t kernel_hi = rc == HV_OK ? out.hi : ram.gpa_base;
		memset(&out, 0, sizeof(out));
		err[0] = 0;
		rc = loader_load_initrd(&ram, harness_read, &file, file.size, kernel_hi, &out, err, sizeof(err));
		harness_check(rc, &out, err, &file, true);
	}
}
