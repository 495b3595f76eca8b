/* test_cfi.c: the CFI flash model against QEMU virt's pflash_cfi01 (width 4, device-width 2,
 * id 0x89/0x18, 256 KiB blocks, 32 MiB), the pflash image header, and tools/mkpflash.
 * unit-sources: pflash/cfi.c pflash/image.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "pflash/cfi.h"
#include "pflash/image.h"

#define MiB (1024u * 1024u)
#define KiB 1024u
#define BANK (32u * MiB)
#define BLOCK (256u * KiB)

struct fixture {
	struct cfi_flash f;
	uint8_t *mem;
};

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));
	x->mem = malloc(BANK);
	for (uint32_t i = 0; i < BANK; i++)
		x->mem[i] = (uint8_t)(i * 7 + 3);
	cfi_init(&x->f, x->mem, BANK, 4);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;
	free(x->mem);
	free(x);
	return 0;
}

#define FL(state) (&((struct fixture *)*(state))->f)
#define MEM(state) (((struct fixture *)*(state))->mem)

static void test_array_read(void **state)
{
	struct cfi_flash *f = FL(state);
	uint8_t *m = MEM(state);
	assert_true(cfi_in_array_mode(f));
	assert_int_equal(cfi_read(f, 0x100, 1), m[0x100]);
	uint32_t w = (uint32_t)m[0x100] | (uint32_t)m[0x101] << 8 | (uint32_t)m[0x102] << 16 |
		     (uint32_t)m[0x103] << 24;
	assert_int_equal(cfi_read(f, 0x100, 4), w);
	assert_int_equal(cfi_read(f, BANK - 4, 4) & 0xff, m[BANK - 4]);
	/* past the end, straddling the end, odd widths: 0 */
	assert_int_equal(cfi_read(f, BANK, 4), 0);
	assert_int_equal(cfi_read(f, BANK - 2, 4), 0);
	assert_int_equal(cfi_read(f, ~0ull, 8), 0);
	assert_int_equal(cfi_read(f, 0, 3), 0);
}

static void test_identifier(void **state)
{
	struct cfi_flash *f = FL(state);
	cfi_write(f, 0, 4, 0x00900090);
	assert_false(cfi_in_array_mode(f));
	/* two x16 devices side by side each answer in their own 16-bit lane */
	assert_int_equal(cfi_read(f, 0, 4), 0x00890089);
	assert_int_equal(cfi_read(f, 4, 4), 0x00180018);
	assert_int_equal(cfi_read(f, 8, 4), 0); /* lock status: not emulated */
	assert_int_equal(cfi_read(f, 0, 2), 0x0089);
	cfi_write(f, 0, 4, 0x00ff00ff);
	assert_true(cfi_in_array_mode(f));
	assert_int_equal(cfi_read(f, 0, 1), MEM(state)[0]);
}

static uint32_t query(struct cfi_flash *f, unsigned idx)
{
	return (uint32_t)cfi_read(f, idx * 4, 4);
}

static void test_cfi_query(void **state)
{
	struct cfi_flash *f = FL(state);
	cfi_write(f, 0x55 * 4, 4, 0x00980098);
	assert_int_equal(query(f, 0x10), 0x00510051); /* 'Q' */
	assert_int_equal(query(f, 0x11), 0x00520052); /* 'R' */
	assert_int_equal(query(f, 0x12), 0x00590059); /* 'Y' */
	assert_int_equal(query(f, 0x13), 0x00010001); /* Intel/Sharp command set */
	assert_int_equal(query(f, 0x14), 0);
	/* per device: 2^24 = 16 MiB; two devices make the 32 MiB bank */
	assert_int_equal(query(f, 0x27), 0x00180018);
	assert_int_equal(query(f, 0x2a), 0x000b000b); /* 2 KiB write buffer per device */
	assert_int_equal(query(f, 0x2c), 0x00010001); /* one erase region */
	/* 128 blocks of 0x200 * 256 = 128 KiB per device = 256 KiB across the bank */
	assert_int_equal(query(f, 0x2d), 0x007f007f);
	assert_int_equal(query(f, 0x2e), 0);
	assert_int_equal(query(f, 0x2f), 0);
	assert_int_equal(query(f, 0x30), 0x00020002);
	assert_int_equal(query(f, 0x31), 0x00500050); /* 'P' of "PRI" */
	assert_int_equal(query(f, 0x60), 0);          /* past the table */
	cfi_write(f, 0, 4, 0x00ff00ff);
	assert_true(cfi_in_array_mode(f));
}

static void test_status_ready(void **state)
{
	struct cfi_flash *f = FL(state);
	cfi_write(f, 0, 4, 0x00700070);
	assert_false(cfi_in_array_mode(f));
	assert_int_equal(cfi_read(f, 0, 4), 0x00800080);
	assert_int_equal(cfi_read(f, 0x1234, 2), 0x80);
	assert_int_equal(cfi_read(f, 0, 1), 0x80);
}

static void test_program_clears_bits_only(void **state)
{
	struct cfi_flash *f = FL(state);
	uint8_t *m = MEM(state);
	memcpy(m + 0x2000, "\xf0\xf0\xf0\xf0\x11\x22\x33\x44", 8);
	cfi_dirty_reset(f);
	cfi_write(f, 0x2000, 4, 0x00400040);
	assert_false(cfi_in_array_mode(f));
	cfi_write(f, 0x2000, 4, 0x0ff00ff0);
	/* after a program the device shows its status */
	assert_int_equal(cfi_read(f, 0x2000, 4) & 0x00ff00ff, 0x00800080);
	assert_int_equal(f->dirty.lo, 0x2000);
	assert_int_equal(f->dirty.hi, 0x2004);
	cfi_write(f, 0, 4, 0x00ff00ff);
	assert_int_equal(cfi_read(f, 0x2000, 4), 0x00f000f0); /* 0xf0f0f0f0 & 0x0ff00ff0 */
	assert_int_equal(cfi_read(f, 0x2004, 4), 0x44332211); /* neighbour untouched */
	/* 0x10 is program too, and a 1 in the data never sets a 0 bit */
	cfi_write(f, 0x2004, 1, 0x10);
	cfi_write(f, 0x2004, 1, 0xff);
	cfi_write(f, 0, 1, 0xff);
	assert_int_equal(cfi_read(f, 0x2004, 1), 0x11);
}

static void test_erase_one_block(void **state)
{
	struct cfi_flash *f = FL(state);
	uint8_t *m = MEM(state);
	memset(m, 0, 3 * BLOCK);
	cfi_dirty_reset(f);
	cfi_write(f, BLOCK + 0x100, 4, 0x00200020);
	assert_int_equal(m[BLOCK], 0); /* nothing happens before the confirm */
	cfi_write(f, BLOCK + 0x100, 4, 0x00d000d0);
	assert_int_equal(cfi_read(f, 0, 4), 0x00800080);
	assert_int_equal(f->dirty.lo, BLOCK);
	assert_int_equal(f->dirty.hi, 2 * BLOCK);
	for (uint32_t i = BLOCK; i < 2 * BLOCK; i++)
		if (m[i] != 0xff)
			fail_msg("byte %#x not erased", i);
	assert_int_equal(m[BLOCK - 1], 0);
	assert_int_equal(m[2 * BLOCK], 0);
	cfi_write(f, 0, 4, 0x00ff00ff);
	assert_int_equal(cfi_read(f, BLOCK + 8, 4), 0xffffffff);
	assert_int_equal(cfi_read(f, 2 * BLOCK, 4), 0);
	/* the last block of the bank */
	cfi_write(f, BANK - 4, 4, 0x00200020);
	cfi_write(f, BANK - 4, 4, 0x00d000d0);
	assert_int_equal(m[BANK - BLOCK], 0xff);
	assert_int_equal(m[BANK - BLOCK - 1], (uint8_t)((BANK - BLOCK - 1) * 7 + 3));
}

static void test_erase_bad_confirm(void **state)
{
	struct cfi_flash *f = FL(state);
	uint8_t *m = MEM(state);
	memset(m, 0, BLOCK);
	cfi_dirty_reset(f);
	cfi_write(f, 0, 4, 0x00200020);
	cfi_write(f, 0, 4, 0x00120012); /* not 0xd0 */
	assert_int_equal(m[0], 0);
	assert_int_equal(f->dirty.hi, 0);
	/* SR.7 ready, SR.5 and SR.4 set: command sequence error */
	assert_int_equal(cfi_read(f, 0, 4), 0x00b000b0);
	cfi_write(f, 0, 4, 0x00500050);
	assert_true(cfi_in_array_mode(f));
	cfi_write(f, 0, 4, 0x00700070);
	assert_int_equal(cfi_read(f, 0, 4), 0x00800080);
}

static void test_buffered_write(void **state)
{
	struct cfi_flash *f = FL(state);
	uint8_t *m = MEM(state);
	memset(m + 0x3000, 0xff, 32);
	cfi_dirty_reset(f);
	cfi_write(f, 0x3000, 4, 0x00e800e8);
	assert_int_equal(cfi_read(f, 0x3000, 4), 0x00800080); /* XSR: buffer available */
	cfi_write(f, 0x3000, 4, 0x00030003); /* 4 words */
	cfi_write(f, 0x3000, 4, 0x11111111);
	cfi_write(f, 0x3004, 4, 0x22222222);
	cfi_write(f, 0x3008, 4, 0x33333333);
	cfi_write(f, 0x300c, 4, 0x44444444);
	assert_int_equal(m[0x3000], 0xff); /* held until the confirm */
	cfi_write(f, 0x3000, 4, 0x00d000d0);
	assert_int_equal(cfi_read(f, 0, 4), 0x00800080);
	assert_int_equal(f->dirty.lo, 0x3000);
	assert_int_equal(f->dirty.hi, 0x3010);
	cfi_write(f, 0, 4, 0x00ff00ff);
	assert_int_equal(cfi_read(f, 0x3000, 4), 0x11111111);
	assert_int_equal(cfi_read(f, 0x300c, 4), 0x44444444);
	assert_int_equal(cfi_read(f, 0x3010, 4), 0xffffffff);

	/* a wrong confirm discards the buffer and reports a sequence error */
	cfi_write(f, 0x3010, 4, 0x00e800e8);
	cfi_write(f, 0x3010, 4, 0x00000000); /* 1 word */
	cfi_write(f, 0x3010, 4, 0);
	cfi_write(f, 0x3010, 4, 0x00ff00ff);
	assert_int_equal(cfi_read(f, 0, 4), 0x00b000b0);
	assert_int_equal(m[0x3010], 0xff);
	cfi_write(f, 0, 4, 0x00500050);
	/* more words than the 4 KiB buffer holds */
	cfi_write(f, 0x3010, 4, 0x00e800e8);
	cfi_write(f, 0x3010, 4, 0x04000400); /* 1025 words */
	assert_int_equal(cfi_read(f, 0, 4), 0x00b000b0);
}

static void test_dirty_range_merges(void **state)
{
	struct cfi_flash *f = FL(state);
	cfi_dirty_reset(f);
	assert_int_equal(f->dirty.hi, 0);
	cfi_write(f, 0x8000, 4, 0x40);
	cfi_write(f, 0x8000, 4, 0);
	cfi_write(f, 0x100, 4, 0x40);
	cfi_write(f, 0x100, 2, 0);
	assert_int_equal(f->dirty.lo, 0x100);
	assert_int_equal(f->dirty.hi, 0x8004);
	/* reads and mode changes dirty nothing */
	cfi_dirty_reset(f);
	cfi_write(f, 0, 4, 0x90);
	cfi_read(f, 0, 4);
	cfi_write(f, 0, 4, 0xff);
	assert_int_equal(f->dirty.hi, 0);
}

static void test_writes_past_end_ignored(void **state)
{
	struct cfi_flash *f = FL(state);
	cfi_dirty_reset(f);
	cfi_write(f, BANK, 4, 0x00900090); /* a command past the end does nothing */
	assert_true(cfi_in_array_mode(f));
	cfi_write(f, 0, 4, 0x00400040);
	cfi_write(f, BANK, 4, 0);
	cfi_write(f, BANK - 2, 4, 0);
	cfi_write(f, ~0ull - 1, 8, 0);
	cfi_write(f, 0, 3, 0);
	assert_int_equal(f->dirty.hi, 0);
	cfi_write(f, 0x20, 4, 0xffffffff); /* the program still waits for its data */
	assert_int_equal(f->dirty.lo, 0x20);

	/* a flash with no backing bytes never touches memory */
	struct cfi_flash empty;
	cfi_init(&empty, NULL, 0, 4);
	cfi_write(&empty, 0, 4, 0x40);
	cfi_write(&empty, 0, 4, 0);
	assert_int_equal(cfi_read(&empty, 0, 4), 0);
	/* a bank smaller than one erase block erases what it has */
	uint8_t small[64];
	memset(small, 0, sizeof(small));
	struct cfi_flash s;
	cfi_init(&s, small, sizeof(small), 4);
	cfi_write(&s, 60, 4, 0x20);
	cfi_write(&s, 60, 4, 0xd0);
	assert_int_equal(small[0], 0xff);
	assert_int_equal(small[63], 0xff);
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void test_image_parse(void **state)
{
	(void)state;
	uint8_t img[64];
	memset(img, 0xff, sizeof(img));
	memcpy(img, "pfld\0\0\0\1", 8);
	put_be32(img + 8, 5);
	memset(img + 12, 0, 4);
	memcpy(img + 16, "hello", 5);
	const uint8_t *payload = NULL;
	uint32_t size = 0;
	assert_int_equal(pflash_image_parse(img, sizeof(img), &payload, &size), 0);
	assert_ptr_equal(payload, img + 16);
	assert_int_equal(size, 5);
	assert_memory_equal(payload, "hello", 5);

	put_be32(img + 8, 48); /* exactly fills the image */
	assert_int_equal(pflash_image_parse(img, sizeof(img), &payload, &size), 0);
	assert_int_equal(size, 48);
	put_be32(img + 8, 49); /* one byte beyond */
	assert_int_equal(pflash_image_parse(img, sizeof(img), &payload, &size),
			 PFLASH_IMAGE_ESIZE);
	put_be32(img + 8, 0xffffffffu);
	assert_int_equal(pflash_image_parse(img, sizeof(img), &payload, &size),
			 PFLASH_IMAGE_ESIZE);
	put_be32(img + 8, 5);

	img[0] = 'P';
	assert_int_equal(pflash_image_parse(img, sizeof(img), &payload, &size),
			 PFLASH_IMAGE_EMAGIC);
	img[0] = 'p';
	img[7] = 2;
	assert_int_equal(pflash_image_parse(img, sizeof(img), &payload, &size),
			 PFLASH_IMAGE_EVERSION);
	img[7] = 1;
	assert_int_equal(pflash_image_parse(img, 15, &payload, &size), PFLASH_IMAGE_ESHORT);
	assert_int_equal(pflash_image_parse(NULL, 0, &payload, &size), PFLASH_IMAGE_ESHORT);
	assert_int_equal(pflash_image_parse(img, 16, &payload, &size), PFLASH_IMAGE_ESIZE);
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
	*len = fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	return buf;
}

static void test_mkpflash(void **state)
{
	(void)state;
	/* run from the repository top, as tests/run_all.sh does */
	const char *pay = "build/unit/test_cfi.payload";
	const char *out = "build/unit/test_cfi.pflash";
	FILE *fp = fopen(pay, "wb");
	assert_non_null(fp);
	fputs("guest payload\n", fp);
	fclose(fp);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 tools/mkpflash %s %s", out, pay);
	assert_int_equal(system(cmd), 0);

	size_t len = 0;
	uint8_t *img = read_all(out, &len);
	assert_non_null(img);
	assert_int_equal(len, 32u * MiB);
	assert_memory_equal(img, "pfld\0\0\0\1\0\0\0\x0e", 12);
	const uint8_t *payload;
	uint32_t size;
	assert_int_equal(pflash_image_parse(img, len, &payload, &size), 0);
	assert_int_equal(size, 14);
	assert_memory_equal(payload, "guest payload\n", 14);
	assert_int_equal(img[16 + 14], 0xff); /* padded as erased flash */
	assert_int_equal(img[len - 1], 0xff);
	free(img);

	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 tools/mkpflash %s", out);
	assert_int_equal(system(cmd), 0);
	img = read_all(out, &len);
	assert_non_null(img);
	assert_int_equal(len, 32u * MiB);
	assert_int_equal(pflash_image_parse(img, len, &payload, &size), 0);
	assert_int_equal(size, 0);
	free(img);
	remove(out);
	remove(pay);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_array_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identifier, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cfi_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_ready, setup, teardown),
		cmocka_unit_test_setup_teardown(test_program_clears_bits_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_erase_one_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_erase_bad_confirm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buffered_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirty_range_merges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writes_past_end_ignored, setup, teardown),
		cmocka_unit_test(test_image_parse),
		cmocka_unit_test(test_mkpflash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
