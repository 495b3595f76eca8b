/* fuzz_cfi.c: libFuzzer target for the CFI flash state machine: a sequence of bus reads and writes against a small bank.
 * fuzz-sources: pflash/cfi.c pflash/image.c
 * Input: byte 0 picks the bank width (1, 2, else 4), byte 1 the size; then operations, each a control
 * byte (bit 0: write, bits 1-2: width 1/2/4/8, bit 3: odd width 3, bit 4: then forget the dirty range),
 * a 24-bit little-endian offset and `width` value bytes (writes only).
 * Checked: array-mode reads return the backing bytes; results fit the width; every changed byte lies
 * in the dirty range; outside erased blocks programming only clears bits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pflash/cfi.h"
#include "pflash/image.h"
#include "fuzz_check.h"

#define FUZZ_CFI_MAX_SIZE (2 * CFI_SECTOR_LEN)   /* two blocks: erases of both and across them */

#define FUZZ_CFI_CHUNK    4096u

static uint8_t flash[FUZZ_CFI_MAX_SIZE], shadow[FUZZ_CFI_MAX_SIZE], pattern[FUZZ_CFI_MAX_SIZE];
static bool erased[FUZZ_CFI_MAX_SIZE / CFI_SECTOR_LEN + 1];
static struct cfi_flash f;

/* Sizes: whole blocks, a partial last block, and tiny banks smaller than the write buffer. */
static size_t fuzz_cfi_size(uint8_t sel)
{
	static const size_t sizes[] = { CFI_SECTOR_LEN, 2 * CFI_SECTOR_LEN, CFI_SECTOR_LEN + 4096, 4096, 64, 8, 0 };
	return sizes[sel % (sizeof(sizes) / sizeof(sizes[0]))];
}

/* Every byte that differs from the shadow copy must be inside the dirty range, and outside an erased
 * block a program can only have cleared bits. Then the shadow catches up. */
static void fuzz_cfi_check_changes(void)
{
	/* memcmp a chunk at a time first: byte loops over half a MiB per input would cost ~100x the fuzzing */
	for (size_t c = 0; c < f.size; c += FUZZ_CFI_CHUNK) {
		size_t n = f.size - c < FUZZ_CFI_CHUNK ? f.size - c : FUZZ_CFI_CHUNK;
		if (!memcmp(flash + c, shadow + c, n))
			continue;
		for (size_t i = c; i < c + n; i++) {
			if (flash[i] == shadow[i])
				continue;
			FUZZ_CHECK(f.dirty.hi != 0 && i >= f.dirty.lo && i < f.dirty.hi);
			FUZZ_CHECK(erased[i / CFI_SECTOR_LEN] || (flash[i] & ~shadow[i]) == 0);
		}
		memcpy(shadow + c, flash + c, n);
	}
	FUZZ_CHECK(f.dirty.hi == 0 || (f.dirty.lo < f.dirty.hi && f.dirty.hi <= f.size));
	memset(erased, 0, sizeof(erased));
	cfi_dirty_reset(&f);
}

static void fuzz_cfi_read(uint64_t off, unsigned width)
{
	bool array = cfi_in_array_mode(&f);
	uint64_t v = cfi_read(&f, off, width);
	bool valid = (width == 1 || width == 2 || width == 4 || width == 8) && off < f.size && width <= f.size - off;

	if (!valid) {
		FUZZ_CHECK(v == 0);
		return;
	}
	if (width < 8)
		FUZZ_CHECK((v >> (8 * width)) == 0);
	if (array) {
		uint64_t want = 0;
		for (unsigned i = 0; i < width; i++)
			want |= (uint64_t)flash[off + i] << (8 * i);
		FUZZ_CHECK(v == want);
	}
}

static void fuzz_cfi_write(uint64_t off, unsigned width, uint64_t value)
{
	/* an erase confirm is the one write that may set bits: remember the block it names */
	if (f.pending == CFI_PEND_ERASE && (uint8_t)value == 0xd0 && off < f.size)
		erased[off / CFI_SECTOR_LEN] = true;
	cfi_write(&f, off, width, value);
	FUZZ_CHECK(f.status & CFI_SR_READY);
	FUZZ_CHECK(f.mode <= CFI_MODE_QUERY && f.pending <= CFI_PEND_BUF_CONFIRM);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	size_t flash_size = fuzz_cfi_size(data[1]);
	if (!pattern[1])   /* a pattern, so reads of distinct bytes differ */
		for (size_t i = 0; i < FUZZ_CFI_MAX_SIZE; i++)
			pattern[i] = (uint8_t)(i * 7 + (i >> 8));
	memcpy(flash, pattern, flash_size);
	memcpy(shadow, pattern, flash_size);
	memset(erased, 0, sizeof(erased));
	cfi_init(&f, flash_size ? flash : NULL, flash_size, data[0] % 5);
	FUZZ_CHECK(cfi_in_array_mode(&f));

	for (size_t i = 2; i + 4 <= size;) {
		uint8_t ctl = data[i];
		uint64_t off = data[i + 1] | (uint64_t)data[i + 2] << 8 | (uint64_t)data[i + 3] << 16;
		unsigned width = (ctl & 8) ? 3 : 1u << ((ctl >> 1) & 3);
		i += 4;
		if (ctl & 1) {
			uint64_t value = 0;
			for (unsigned b = 0; b < width && i < size; b++, i++)
				value |= (uint64_t)data[i] << (8 * b);
			fuzz_cfi_write(off, width, value);
		} else {
			fuzz_cfi_read(off, width);
		}
		if (ctl & 0x10)
			fuzz_cfi_check_changes();
	}
	fuzz_cfi_check_changes();

	/* the pflash image header parser, over the same bytes */
	const uint8_t *payload;
	uint32_t plen;
	if (pflash_image_parse(data, size, &payload, &plen) == 0)
		FUZZ_CHECK(payload >= data && plen <= size - (size_t)(payload - data));
	return 0;
}
