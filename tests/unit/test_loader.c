/* test_loader.c: kernel (ELF64, Linux Image, raw) and initrd loaders on a heap buffer standing in for guest RAM.
 * unit-sources: hv/loader/loader.c hv/loader/load_util.c hv/loader/elf.c hv/loader/image.c hv/loader/raw.c hv/base/err.c
 * Inputs: the riscv64 guest ELFs the build makes (build/guests/selftest.elf, skernel.elf) and hand-built buffers whose
 * layout follows the ELF64 gABI and Documentation/riscv/boot-image-header.rst, not the code under test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "loader/loader.h"
#include "base/err.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (8ULL << 20)
#define MiB2     0x200000ULL
#define FILL     0xAA

static uint8_t *ram_host;
static struct loader_ram ram;
static char err[256];

struct memfile {
	const uint8_t *data;
	uint64_t size;
	int fail;          /* nonzero: every read returns this (negative) error */
};

static int64_t mem_read(void *ctx, uint64_t off, void *dst, uint64_t len)
{
	struct memfile *f = ctx;
	if (f->fail)
		return f->fail;
	if (off > f->size)
		return 0;
	if (len > f->size - off)
		len = f->size - off;
	memcpy(dst, f->data + off, len);
	return (int64_t)len;
}

static int setup(void **state)
{
	(void)state;
	ram_host = malloc(RAM_SIZE);
	if (!ram_host)
		return -1;
	memset(ram_host, FILL, RAM_SIZE);
	ram = (struct loader_ram){ RAM_BASE, RAM_SIZE, ram_host };
	err[0] = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(ram_host);
	return 0;
}

static uint8_t *at(uint64_t gpa) { return ram_host + (gpa - RAM_BASE); }

static bool all_bytes(const uint8_t *p, uint64_t n, uint8_t v)
{
	for (uint64_t i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = v >> (8 * i); }
static void put64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = v >> (8 * i); }
static uint16_t get16(const uint8_t *p) { return p[0] | p[1] << 8; }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16; }
static uint64_t get64(const uint8_t *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }

static int load_kernel(const uint8_t *buf, uint64_t size, uint64_t raw_addr, struct loader_result *r)
{
	struct memfile f = { buf, size, 0 };
	err[0] = 0;
	return loader_load_kernel(&ram, mem_read, &f, size, raw_addr, r, err, sizeof(err));
}

static void expect_err(int rc, int want, const char *substr)
{
	assert_int_equal(rc, want);
	if (!strstr(err, substr))
		fail_msg("error \"%s\" does not mention \"%s\"", err, substr);
	assert_null(strchr(err, '\n'));
}

/* ---- hand-built ELF: header at 0, 2 program headers at 64, segment 0 data at 0x100 (0x100 bytes,
 * memsz 0x100), segment 1 data at 0x200 (0x80 bytes, memsz 0x1000 -> bss). Virtual addresses differ
 * from physical ones so the entry must be translated. ---- */
#define E_PHOFF  64
#define SEG0_OFF 0x100
#define SEG1_OFF 0x200
#define ELF_SIZE 0x280
#define SEG0_PA  (RAM_BASE + 0x200000)
#define SEG1_PA  (RAM_BASE + 0x300000)
#define VOFF     0xffffffff00000000ULL

static uint8_t *phdr(uint8_t *elf, int i) { return elf + E_PHOFF + 56 * i; }

static void set_phdr(uint8_t *elf, int i, uint32_t type, uint64_t off, uint64_t pa, uint64_t filesz,
		     uint64_t memsz)
{
	uint8_t *p = phdr(elf, i);
	put32(p + 0, type);
	put32(p + 4, 7);
	put64(p + 8, off);
	put64(p + 16, pa + VOFF);   /* p_vaddr */
	put64(p + 24, pa);          /* p_paddr */
	put64(p + 32, filesz);
	put64(p + 40, memsz);
	put64(p + 48, 0x1000);
}

static void build_elf(uint8_t *elf)
{
	memset(elf, 0, ELF_SIZE);
	memcpy(elf, "\x7f" "ELF", 4);
	elf[4] = 2;                     /* ELFCLASS64 */
	elf[5] = 1;                     /* ELFDATA2LSB */
	elf[6] = 1;                     /* EV_CURRENT */
	put16(elf + 16, 2);             /* ET_EXEC */
	put16(elf + 18, 243);           /* EM_RISCV */
	put32(elf + 20, 1);
	put64(elf + 24, SEG0_PA + VOFF + 0x10);   /* e_entry (virtual) */
	put64(elf + 32, E_PHOFF);
	put16(elf + 52, 64);            /* e_ehsize */
	put16(elf + 54, 56);            /* e_phentsize */
	put16(elf + 56, 2);             /* e_phnum */
	set_phdr(elf, 0, 1, SEG0_OFF, SEG0_PA, 0x100, 0x100);
	set_phdr(elf, 1, 1, SEG1_OFF, SEG1_PA, 0x80, 0x1000);
	for (int i = 0; i < 0x180; i++)
		elf[SEG0_OFF + i] = (uint8_t)(i * 7 + 1);
}

static void test_elf_valid(void **state)
{
	(void)state;
	uint8_t elf[ELF_SIZE];
	build_elf(elf);
	struct loader_result r;
	assert_int_equal(load_kernel(elf, sizeof(elf), 0, &r), HV_OK);
	assert_string_equal(r.format, "elf");
	assert_int_equal(r.entry, SEG0_PA + 0x10);
	assert_int_equal(r.lo, SEG0_PA);
	assert_int_equal(r.hi, SEG1_PA + 0x1000);
	assert_memory_equal(at(SEG0_PA), elf + SEG0_OFF, 0x100);
	assert_memory_equal(at(SEG1_PA), elf + SEG1_OFF, 0x80);
	assert_true(all_bytes(at(SEG1_PA + 0x80), 0x1000 - 0x80, 0));   /* bss zeroed */
	assert_int_equal(*at(SEG1_PA + 0x1000), FILL);                  /* and nothing past it */
	assert_int_equal(*at(SEG0_PA - 1), FILL);
}

static void test_elf_truncated(void **state)
{
	(void)state;
	uint8_t elf[ELF_SIZE];
	build_elf(elf);
	struct loader_result r;
	expect_err(load_kernel(elf, 40, 0, &r), HV_ECORRUPT, "truncated ELF: header");
	expect_err(load_kernel(elf, E_PHOFF + 56 + 20, 0, &r), HV_ECORRUPT,
		   "truncated ELF: program header table past the end of the file (size 140)");
	expect_err(load_kernel(elf, SEG0_OFF + 0x80, 0, &r), HV_ECORRUPT, "truncated ELF: segment 0");
	expect_err(load_kernel(elf, SEG1_OFF + 0x40, 0, &r), HV_ECORRUPT, "truncated ELF: segment 1");
	/* validation happens before any byte is written */
	assert_true(all_bytes(at(SEG0_PA), 0x100, FILL));
}

static void test_elf_segment_outside_ram(void **state)
{
	(void)state;
	uint8_t elf[ELF_SIZE];
	struct loader_result r;
	build_elf(elf);
	set_phdr(elf, 1, 1, SEG1_OFF, RAM_BASE + RAM_SIZE - 0x800, 0x80, 0x1000);
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ERANGE,
		   "kernel: ELF segment 1 (0x807ff800+0x1000) does not fit in RAM 0x80000000-0x80800000");
	assert_true(all_bytes(at(SEG0_PA), 0x100, FILL));

	build_elf(elf);
	set_phdr(elf, 1, 1, SEG1_OFF, RAM_BASE - 0x1000, 0x80, 0x100);   /* below RAM */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ERANGE, "does not fit in RAM");

	build_elf(elf);
	set_phdr(elf, 1, 1, SEG1_OFF, 0xfffffffffffff000ULL, 0x80, 0x2000);   /* wraps */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ERANGE, "does not fit in RAM");

	build_elf(elf);
	set_phdr(elf, 1, 1, SEG1_OFF, SEG1_PA, 0x80, UINT64_MAX);   /* memsz wraps */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ERANGE, "does not fit in RAM");

	build_elf(elf);
	set_phdr(elf, 1, 1, UINT64_MAX - 0x10, SEG1_PA, 0x80, 0x100);   /* file offset wraps */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ECORRUPT, "truncated ELF: segment 1");

	build_elf(elf);
	set_phdr(elf, 1, 1, SEG1_OFF, SEG1_PA, 0x80, 0x40);   /* filesz > memsz */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ECORRUPT, "exceeds its memory size");
}

static void test_elf_entry_outside(void **state)
{
	(void)state;
	uint8_t elf[ELF_SIZE];
	struct loader_result r;
	build_elf(elf);
	put64(elf + 24, SEG0_PA + VOFF + 0x100);   /* one past segment 0 */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_EINVAL, "entry 0xffffffff80200100 is not inside");
	build_elf(elf);
	put64(elf + 24, SEG0_PA);                  /* physical, not virtual: not in any segment */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_EINVAL, "is not inside any loaded segment");
	build_elf(elf);
	set_phdr(elf, 0, 4, SEG0_OFF, SEG0_PA, 0x100, 0x100);   /* entry's segment is PT_NOTE */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_EINVAL, "is not inside any loaded segment");
}

static void test_elf_bad_header(void **state)
{
	(void)state;
	uint8_t elf[ELF_SIZE];
	struct loader_result r;
	build_elf(elf);
	put16(elf + 56, 65);
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ECORRUPT, "65 program headers");
	put16(elf + 56, 0xffff);
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ECORRUPT, "65535 program headers");
	put16(elf + 56, 0);
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ECORRUPT, "0 program headers");
	build_elf(elf);
	put64(elf + 32, UINT64_MAX - 8);   /* e_phoff wraps */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ECORRUPT, "program header table past the end");
	build_elf(elf);
	put16(elf + 54, 32);
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ECORRUPT, "program header size 32");
	build_elf(elf);
	put16(elf + 18, 62);   /* EM_X86_64 */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ENOTSUP, "not RISC-V");
	build_elf(elf);
	elf[4] = 1;            /* ELFCLASS32 */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ENOTSUP, "ELFCLASS64");
	build_elf(elf);
	elf[5] = 2;            /* big-endian */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ENOTSUP, "little-endian");
	build_elf(elf);
	put16(elf + 16, 3);    /* ET_DYN */
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_ENOTSUP, "ET_EXEC");
	build_elf(elf);
	set_phdr(elf, 0, 4, SEG0_OFF, SEG0_PA, 0x100, 0x100);
	set_phdr(elf, 1, 4, SEG1_OFF, SEG1_PA, 0x80, 0x100);
	expect_err(load_kernel(elf, sizeof(elf), 0, &r), HV_EINVAL, "no loadable");
}

static void test_read_error(void **state)
{
	(void)state;
	uint8_t elf[ELF_SIZE];
	build_elf(elf);
	struct memfile f = { elf, sizeof(elf), HV_EIO };
	struct loader_result r;
	int rc = loader_load_kernel(&ram, mem_read, &f, sizeof(elf), 0, &r, err, sizeof(err));
	expect_err(rc, HV_EIO, "read at offset 0x0 failed: I/O error");
}

/* ---- the guest ELFs the build makes, checked against their own program headers ---- */
static void check_real_elf(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		print_message("%s is missing (run `make guests`); skipping\n", path);
		skip();
	}
	fseek(fp, 0, SEEK_END);
	long size = ftell(fp);
	rewind(fp);
	uint8_t *buf = malloc((size_t)size);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);

	struct loader_result r;
	int rc = load_kernel(buf, (uint64_t)size, 0, &r);
	if (rc)
		fail_msg("%s: %s", path, err);
	assert_string_equal(r.format, "elf");
	assert_int_equal(r.entry, get64(buf + 24));   /* the guests are identity-linked */
	uint64_t phoff = get64(buf + 32);
	int nload = 0;
	for (int i = 0; i < get16(buf + 56); i++) {
		const uint8_t *p = buf + phoff + 56 * i;
		if (get32(p) != 1)
			continue;
		uint64_t off = get64(p + 8), pa = get64(p + 24), filesz = get64(p + 32), memsz = get64(p + 40);
		assert_true(pa >= r.lo && pa + memsz <= r.hi);
		assert_memory_equal(at(pa), buf + off, filesz);
		assert_true(all_bytes(at(pa + filesz), memsz - filesz, 0));
		nload++;
	}
	assert_true(nload > 0);
	free(buf);
}

static void test_real_selftest(void **state) { (void)state; check_real_elf("build/guests/selftest.elf"); }
static void test_real_skernel(void **state) { (void)state; check_real_elf("build/guests/skernel.elf"); }

/* ---- Linux Image ---- */
#define IMG_SIZE 0x1000

static void build_image(uint8_t *img, uint64_t text_offset, uint64_t image_size)
{
	for (int i = 0; i < IMG_SIZE; i++)
		img[i] = (uint8_t)(i * 13 + 5);
	memset(img, 0, 64);
	put32(img + 0, 0x0000006f);      /* code0: j . (any code) */
	put64(img + 8, text_offset);
	put64(img + 16, image_size);
	put32(img + 32, 2);              /* version 0.2 */
	memcpy(img + 48, "RISCV\0\0\0", 8);
	memcpy(img + 56, "RSC\x05", 4);
}

static void test_image_valid(void **state)
{
	(void)state;
	uint8_t img[IMG_SIZE];
	struct loader_result r;
	build_image(img, 0x200000, 0x3000);
	assert_int_equal(load_kernel(img, sizeof(img), 0, &r), HV_OK);
	assert_string_equal(r.format, "image");
	assert_int_equal(r.entry, RAM_BASE + 0x200000);
	assert_int_equal(r.lo, RAM_BASE + 0x200000);
	assert_int_equal(r.hi, RAM_BASE + 0x203000);
	assert_memory_equal(at(r.lo), img, IMG_SIZE);
	assert_true(all_bytes(at(r.lo + IMG_SIZE), 0x3000 - IMG_SIZE, 0));
	assert_int_equal(*at(r.hi), FILL);

	/* text_offset 0: RV64 S-mode convention, 2 MiB; image_size 0: the file's size */
	memset(ram_host, FILL, RAM_SIZE);
	build_image(img, 0, 0);
	assert_int_equal(load_kernel(img, sizeof(img), 0, &r), HV_OK);
	assert_int_equal(r.entry, RAM_BASE + MiB2);
	assert_int_equal(r.hi, RAM_BASE + MiB2 + IMG_SIZE);

	build_image(img, 0x400000, 0);
	assert_int_equal(load_kernel(img, sizeof(img), 0, &r), HV_OK);
	assert_int_equal(r.entry, RAM_BASE + 0x400000);
	assert_memory_equal(at(r.entry), img, IMG_SIZE);

	/* only the deprecated magic, only magic2: both are Images */
	build_image(img, MiB2, 0);
	memset(img + 56, 0, 4);
	assert_int_equal(load_kernel(img, sizeof(img), 0, &r), HV_OK);
	assert_string_equal(r.format, "image");
	build_image(img, MiB2, 0);
	memset(img + 48, 0, 8);
	assert_int_equal(load_kernel(img, sizeof(img), 0, &r), HV_OK);
	assert_string_equal(r.format, "image");
}

static void test_image_errors(void **state)
{
	(void)state;
	uint8_t img[IMG_SIZE];
	struct loader_result r;
	build_image(img, MiB2, RAM_SIZE);   /* 2 MiB + 8 MiB > RAM */
	expect_err(load_kernel(img, sizeof(img), 0, &r), HV_ERANGE,
		   "kernel: Image (0x80200000+0x800000) does not fit in RAM 0x80000000-0x80800000");
	build_image(img, 0x1000, 0);
	expect_err(load_kernel(img, sizeof(img), 0, &r), HV_EINVAL, "text_offset 0x1000");
	build_image(img, UINT64_MAX - MiB2 + 1, 0);   /* 2 MiB multiple that wraps the address */
	assert_true(load_kernel(img, sizeof(img), 0, &r) < 0);
	assert_true(strstr(err, "overflows") || strstr(err, "does not fit"));
}

static void test_image_bad_magic_is_raw(void **state)
{
	(void)state;
	uint8_t img[IMG_SIZE];
	struct loader_result r;
	build_image(img, 0x400000, 0);
	memcpy(img + 48, "RISCX\0\0\0", 8);
	memcpy(img + 56, "RSC\x06", 4);
	assert_int_equal(load_kernel(img, sizeof(img), 0, &r), HV_OK);
	assert_string_equal(r.format, "raw");
	assert_int_equal(r.entry, RAM_BASE + MiB2);   /* raw default, not text_offset */
	assert_memory_equal(at(RAM_BASE + MiB2), img, IMG_SIZE);
	assert_true(all_bytes(at(RAM_BASE + 0x400000), IMG_SIZE, FILL));
}

/* ---- raw ---- */
static void test_raw(void **state)
{
	(void)state;
	uint8_t bin[100];
	struct loader_result r;
	for (int i = 0; i < 100; i++)
		bin[i] = (uint8_t)(0x30 + i);
	assert_int_equal(load_kernel(bin, sizeof(bin), RAM_BASE + 0x10000, &r), HV_OK);
	assert_string_equal(r.format, "raw");
	assert_int_equal(r.entry, RAM_BASE + 0x10000);
	assert_int_equal(r.hi, RAM_BASE + 0x10000 + 100);
	assert_memory_equal(at(RAM_BASE + 0x10000), bin, 100);

	assert_int_equal(load_kernel(bin, 3, 0, &r), HV_OK);   /* shorter than any header */
	assert_int_equal(r.entry, RAM_BASE + MiB2);

	expect_err(load_kernel(bin, sizeof(bin), RAM_BASE + RAM_SIZE - 50, &r), HV_ERANGE,
		   "kernel: raw image (0x807fffce+0x64) does not fit in RAM");
	expect_err(load_kernel(bin, sizeof(bin), RAM_BASE - 0x1000, &r), HV_ERANGE, "does not fit in RAM");
	expect_err(load_kernel(bin, 0, 0, &r), HV_EINVAL, "empty");

	/* bigger than RAM: the reader is never asked for more than the file has */
	uint8_t *big = calloc(1, RAM_SIZE + 1);
	assert_non_null(big);
	expect_err(load_kernel(big, RAM_SIZE + 1, RAM_BASE, &r), HV_ERANGE, "does not fit in RAM");
	expect_err(load_kernel(big, RAM_SIZE - MiB2 + 1, 0, &r), HV_ERANGE, "does not fit in RAM");
	assert_int_equal(load_kernel(big, RAM_SIZE - MiB2, 0, &r), HV_OK);   /* exactly to the end */
	assert_int_equal(r.hi, RAM_BASE + RAM_SIZE);
	free(big);
}

/* ---- initrd: as high as possible, 4 KiB-aligned, below the top 2 MiB (for the DTB) ---- */
static int load_initrd(const uint8_t *buf, uint64_t size, uint64_t kernel_hi, struct loader_result *r)
{
	struct memfile f = { buf, size, 0 };
	err[0] = 0;
	return loader_load_initrd(&ram, mem_read, &f, size, kernel_hi, r, err, sizeof(err));
}

static void test_initrd(void **state)
{
	(void)state;
	uint8_t rd[5000];
	struct loader_result r;
	for (size_t i = 0; i < sizeof(rd); i++)
		rd[i] = (uint8_t)(i ^ 0x5a);
	assert_int_equal(load_initrd(rd, sizeof(rd), RAM_BASE + 0x300000, &r), HV_OK);
	uint64_t top = RAM_BASE + RAM_SIZE - MiB2;
	assert_int_equal(r.lo, (top - sizeof(rd)) & ~0xfffULL);
	assert_int_equal(r.lo % 4096, 0);
	assert_int_equal(r.hi, r.lo + sizeof(rd));
	assert_true(r.hi <= top);
	assert_memory_equal(at(r.lo), rd, sizeof(rd));
	assert_true(all_bytes(at(top), MiB2, FILL));   /* DTB area untouched */

	/* kernel ends right where the initrd would start: fits; one byte later: overlap */
	uint64_t lo = r.lo;
	assert_int_equal(load_initrd(rd, sizeof(rd), lo, &r), HV_OK);
	assert_int_equal(r.lo, lo);
	expect_err(load_initrd(rd, sizeof(rd), lo + 1, &r), HV_ERANGE, "overlap the kernel");

	/* too big for RAM below the DTB area */
	uint8_t *big = calloc(1, RAM_SIZE);
	assert_non_null(big);
	expect_err(load_initrd(big, RAM_SIZE - MiB2 + 1, 0, &r), HV_ERANGE, "do not fit in RAM");
	assert_int_equal(load_initrd(big, RAM_SIZE - MiB2, 0, &r), HV_OK);   /* fills RAM below the DTB */
	assert_int_equal(r.lo, RAM_BASE);
	expect_err(load_initrd(big, RAM_SIZE - MiB2, RAM_BASE + 1, &r), HV_ERANGE, "overlap the kernel");
	free(big);
	expect_err(load_initrd(rd, 0, 0, &r), HV_EINVAL, "initrd: empty");
	expect_err(load_initrd(rd, sizeof(rd), UINT64_MAX, &r), HV_ERANGE, "overlap the kernel");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_elf_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_elf_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_elf_segment_outside_ram, setup, teardown),
		cmocka_unit_test_setup_teardown(test_elf_entry_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_elf_bad_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_selftest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_skernel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_image_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_image_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_image_bad_magic_is_raw, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw, setup, teardown),
		cmocka_unit_test_setup_teardown(test_initrd, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
