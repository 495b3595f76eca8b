/* test_fat.c: the FAT16/FAT32 reader (and in-place writes) against real images built with mkfs.fat and mtools, and corrupt copies.
 * unit-sources: hv/fs/fat.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "fs/fat.h"
#include "base/err.h"

#define DIR        "build/test-fat"
#define KERNEL     "/sbin/u_3_0_riscv64-qemu-virt.bin"
#define KERNEL_LEN 300001u
#define DTB_LEN    5000u
#define HELLO      "hello, fat\n"

/* ---- images ---- */

struct image {
	uint8_t *data;
	size_t size;
	unsigned multi_reads;   /* read calls with count > 1 */
};

static uint8_t *kernel_data;
static uint8_t *dtb_data;
static struct image img32, img16, img4k;

static int image_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
	struct image *im = ctx;
	uint64_t sectors = im->size / 512;
	if (sector >= sectors || count > sectors - sector)
		return HV_EIO;
	if (count > 1)
		im->multi_reads++;
	memcpy(buf, im->data + sector * 512, (size_t)count * 512);
	return 0;
}

static void fill_random(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 17;
		seed ^= seed << 5;
		p[i] = (uint8_t)seed;
	}
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void load_image(const char *path, struct image *im)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	im->size = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	im->data = malloc(im->size);
	assert_non_null(im->data);
	assert_int_equal(fread(im->data, 1, im->size, f), im->size);
	fclose(f);
}

static void run(const char *cmd)
{
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

/* mkfs options, image name, size in KiB */
static void build_image(const char *mkfs_opts, const char *name, unsigned kib, struct image *im)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "set -e; rm -f " DIR "/%s; mkfs.fat %s -C " DIR "/%s %u >/dev/null; "
		 "export MTOOLS_SKIP_CHECK=1; i=" DIR "/%s; "
		 "mmd -i $i ::/sbin ::/vm ::/vm/deeper; "
		 "mcopy -i $i " DIR "/kernel.bin ::" KERNEL "; "
		 "mcopy -i $i " DIR "/hello.txt ::/HELLO.TXT; "
		 "mcopy -i $i " DIR "/x.dtb ::/vm/x.dtb; "
		 "mcopy -i $i " DIR "/hello.txt ::/vm/deeper/Mixed_Case_Long_Name.text",
		 name, mkfs_opts, name, kib, name);
	run(cmd);
	snprintf(cmd, sizeof(cmd), DIR "/%s", name);
	load_image(cmd, im);
}

static int setup(void **state)
{
	(void)state;
	mkdir("build", 0777);
	mkdir(DIR, 0777);
	kernel_data = malloc(KERNEL_LEN);
	dtb_data = malloc(DTB_LEN);
	fill_random(kernel_data, KERNEL_LEN, 0x12345678);
	fill_random(dtb_data, DTB_LEN, 0x9abcdef0);
	write_file(DIR "/kernel.bin", kernel_data, KERNEL_LEN);
	write_file(DIR "/x.dtb", dtb_data, DTB_LEN);
	write_file(DIR "/hello.txt", HELLO, strlen(HELLO));
	build_image("-F 32", "fat32.img", 65536, &img32);
	build_image("-F 16", "fat16.img", 32768, &img16);
	build_image("-F 16 -S 4096 -s 1", "fat16-4k.img", 65536, &img4k);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(kernel_data);
	free(dtb_data);
	free(img32.data);
	free(img16.data);
	free(img4k.data);
	return 0;
}

/* A private copy of an image, to corrupt. */
static struct image image_copy(const struct image *src)
{
	struct image im = { .data = malloc(src->size), .size = src->size };
	assert_non_null(im.data);
	memcpy(im.data, src->data, src->size);
	return im;
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, (uint16_t)v);
	put_le16(p + 2, (uint16_t)(v >> 16));
}

/* ---- good images ---- */

static void check_kernel(struct fat_fs *fs)
{
	struct fat_file f;
	assert_int_equal(fat_open(fs, KERNEL, &f), HV_OK);
	assert_int_equal(fat_file_size(&f), KERNEL_LEN);
	assert_false(f.is_dir);

	uint8_t *buf = calloc(1, KERNEL_LEN + 100);
	/* streamed in odd-sized chunks */
	uint64_t off = 0;
	for (;;) {
		int64_t n = fat_read(fs, &f, off, buf + off, 777);
		assert_true(n >= 0);
		if (n == 0)
			break;
		off += (uint64_t)n;
	}
	assert_int_equal(off, KERNEL_LEN);
	assert_memory_equal(buf, kernel_data, KERNEL_LEN);

	/* odd offsets, backwards seeks, reads past the end */
	static const uint64_t offs[][2] = {
		{ 12345, 70001 }, { 1, 511 }, { 511, 2 }, { 4096, 65536 }, { 0, 1 },
		{ KERNEL_LEN - 3, 100 }, { 200000, 100001 }, { 513, 1024 * 3 + 7 },
	};
	for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		uint64_t o = offs[i][0], len = offs[i][1];
		uint64_t want = o + len > KERNEL_LEN ? KERNEL_LEN - o : len;
		memset(buf, 0xee, KERNEL_LEN);
		assert_int_equal(fat_read(fs, &f, o, buf, len), (int64_t)want);
		assert_memory_equal(buf, kernel_data + o, want);
	}
	assert_int_equal(fat_read(fs, &f, KERNEL_LEN, buf, 10), 0);
	assert_int_equal(fat_read(fs, &f, KERNEL_LEN + 5000, buf, 10), 0);

	/* a whole read goes mostly into buf with multi-sector calls */
	struct image *im = fs->ctx;
	unsigned before = im->multi_reads;
	memset(buf, 0, KERNEL_LEN);
	assert_int_equal(fat_read(fs, &f, 0, buf, KERNEL_LEN + 100), KERNEL_LEN);
	assert_memory_equal(buf, kernel_data, KERNEL_LEN);
	assert_true(im->multi_reads > before);
	free(buf);
}

static void check_small_files(struct fat_fs *fs)
{
	struct fat_file f;
	char buf[64];
	static const char *const hello_paths[] = {
		"/HELLO.TXT", "/hello.txt", "//Hello.Txt", "/vm/deeper/Mixed_Case_Long_Name.text",
		"/VM/DEEPER/mixed_case_long_name.TEXT", "/vm/../HELLO.TXT",
	};
	for (size_t i = 0; i < sizeof(hello_paths) / sizeof(hello_paths[0]); i++) {
		assert_int_equal(fat_open(fs, hello_paths[i], &f), HV_OK);
		assert_int_equal(fat_file_size(&f), strlen(HELLO));
		memset(buf, 0, sizeof(buf));
		assert_int_equal(fat_read(fs, &f, 0, buf, sizeof(buf)), (int64_t)strlen(HELLO));
		assert_string_equal(buf, HELLO);
	}

	uint8_t dtb[DTB_LEN];
	assert_int_equal(fat_open(fs, "/vm/x.dtb", &f), HV_OK);
	assert_int_equal(fat_file_size(&f), DTB_LEN);
	assert_int_equal(fat_read(fs, &f, 0, dtb, DTB_LEN), DTB_LEN);
	assert_memory_equal(dtb, dtb_data, DTB_LEN);

	assert_int_equal(fat_open(fs, "/vm", &f), HV_OK);
	assert_true(f.is_dir);
	assert_int_equal(fat_read(fs, &f, 0, buf, 1), HV_EINVAL);
	assert_int_equal(fat_open(fs, "/", &f), HV_OK);
	assert_true(f.is_dir);
}

static void check_missing(struct fat_fs *fs)
{
	struct fat_file f;
	assert_int_equal(fat_open(fs, "/nope", &f), HV_ENOENT);
	assert_int_equal(fat_open(fs, "/sbin/u_3_0_riscv64-qemu-virt.bi", &f), HV_ENOENT);
	assert_int_equal(fat_open(fs, "/sbin/u_3_0_riscv64-qemu-virt.binx", &f), HV_ENOENT);
	assert_int_equal(fat_open(fs, "/vm/nope/x.dtb", &f), HV_ENOENT);
	assert_int_equal(fat_open(fs, "/HELLO.TXT/x", &f), HV_ENOENT);
	assert_int_equal(fat_open(fs, KERNEL "/more", &f), HV_ENOENT);
	assert_int_equal(fat_open(fs, "relative", &f), HV_EINVAL);
}

static void test_fat32(void **state)
{
	(void)state;
	struct fat_fs fs;
	assert_int_equal(fat_mount(&fs, image_read, &img32), HV_OK);
	assert_int_equal(fs.type, FAT_TYPE_32);
	check_kernel(&fs);
	check_small_files(&fs);
	check_missing(&fs);
}

static void test_fat16(void **state)
{
	(void)state;
	struct fat_fs fs;
	assert_int_equal(fat_mount(&fs, image_read, &img16), HV_OK);
	assert_int_equal(fs.type, FAT_TYPE_16);
	check_kernel(&fs);
	check_small_files(&fs);
	check_missing(&fs);
}

/* 4096-byte volume sectors over the 512-byte read callback */
static void test_fat16_4k_sectors(void **state)
{
	(void)state;
	struct fat_fs fs;
	assert_int_equal(fat_mount(&fs, image_read, &img4k), HV_OK);
	assert_int_equal(fs.type, FAT_TYPE_16);
	assert_int_equal(fs.cluster_bytes, 4096);
	assert_int_equal(fs.cluster_sectors, 8);
	check_kernel(&fs);
	check_small_files(&fs);
	check_missing(&fs);
}

/* ---- corrupt images ---- */

static void assert_is_error(int64_t rc)
{
	if (rc != HV_ECORRUPT && rc != HV_EIO)
		fail_msg("expected HV_ECORRUPT or HV_EIO, got %lld", (long long)rc);
}

/* Opens and reads the file: the result must be an error at one of the two steps. */
static void assert_file_fails(struct image *im, const char *path)
{
	struct fat_fs fs;
	struct fat_file f;
	static uint8_t buf[KERNEL_LEN];
	int rc = fat_mount(&fs, image_read, im);
	if (rc < 0) {
		assert_is_error(rc);
		return;
	}
	rc = fat_open(&fs, path, &f);
	if (rc < 0) {
		assert_is_error(rc);
		return;
	}
	assert_is_error(fat_read(&fs, &f, 0, buf, sizeof(buf)));
}

static void test_bad_bpb(void **state)
{
	(void)state;
	static const struct { uint32_t off; uint8_t val; } pokes[] = {
		{ 0, 0x00 },     /* jump byte */
		{ 11, 0x01 },    /* 513 bytes per sector */
		{ 12, 0x00 },    /* bytes per sector 0 */
		{ 12, 0x03 },    /* 768: not a power of two */
		{ 13, 0x00 },    /* sectors per cluster 0 */
		{ 13, 0x03 },    /* not a power of two */
		{ 14, 0x00 },    /* reserved sectors 0 */
		{ 16, 0x00 },    /* zero FATs */
		{ 16, 0x03 },    /* three FATs */
		{ 510, 0x00 },   /* signature */
	};
	const struct image *srcs[] = { &img32, &img16 };
	for (size_t s = 0; s < 2; s++) {
		for (size_t i = 0; i < sizeof(pokes) / sizeof(pokes[0]); i++) {
			struct image im = image_copy(srcs[s]);
			struct fat_fs fs;
			im.data[pokes[i].off] = pokes[i].val;
			if (pokes[i].off == 12 && pokes[i].val == 0)
				im.data[11] = 0;
			assert_int_equal(fat_mount(&fs, image_read, &im), HV_ECORRUPT);
			free(im.data);
		}
	}
	/* a FAT too big for the volume, and a FAT32 root cluster out of range */
	struct image im = image_copy(&img32);
	struct fat_fs fs;
	put_le32(im.data + 36, 0x00f00000);
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_ECORRUPT);
	memcpy(im.data, img32.data, 512);
	put_le32(im.data + 44, 0x0fffff00);
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_ECORRUPT);
	free(im.data);
}

/* Position of the FAT entry of cluster c in the image. */
static uint8_t *fat_entry(struct image *im, const struct fat_fs *fs, uint32_t c)
{
	uint32_t width = fs->type == FAT_TYPE_32 ? 4 : 2;
	return im->data + fs->fat_start * 512 + (uint64_t)c * width;
}

static void set_fat(struct image *im, const struct fat_fs *fs, uint32_t c, uint32_t v)
{
	if (fs->type == FAT_TYPE_32)
		put_le32(fat_entry(im, fs, c), v);
	else
		put_le16(fat_entry(im, fs, c), (uint16_t)v);
}

enum chain_fault { LOOP_SELF, LOOP_BACK, BEYOND_LAST, ZERO_LINK, SHORT_CHAIN };

static void corrupt_chain(const struct image *src, enum chain_fault fault)
{
	struct image im = image_copy(src);
	struct fat_fs fs;
	struct fat_file f;
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_OK);
	assert_int_equal(fat_open(&fs, KERNEL, &f), HV_OK);
	uint32_t c = f.first_cluster, mid = c + 3;   /* mtools writes the file contiguously */
	switch (fault) {
	case LOOP_SELF:   set_fat(&im, &fs, c, c); break;
	case LOOP_BACK:   set_fat(&im, &fs, mid, c + 1); break;
	case BEYOND_LAST: set_fat(&im, &fs, mid, fs.cluster_count + 2); break;
	case ZERO_LINK:   set_fat(&im, &fs, mid, 0); break;
	case SHORT_CHAIN: set_fat(&im, &fs, mid, 0x0fffffff); break;
	}
	assert_file_fails(&im, KERNEL);
	free(im.data);
}

static void test_bad_chains(void **state)
{
	(void)state;
	for (int fault = LOOP_SELF; fault <= SHORT_CHAIN; fault++) {
		corrupt_chain(&img32, (enum chain_fault)fault);
		corrupt_chain(&img16, (enum chain_fault)fault);
	}
}

/* Finds the short directory entry with the 11-byte name in the image. */
static uint8_t *find_dirent(struct image *im, const char *name11)
{
	for (size_t off = 0; off + 32 <= im->size; off += 32)
		if (memcmp(im->data + off, name11, 11) == 0 && (im->data[off + 11] & 0x0f) != 0x0f)
			return im->data + off;
	fail_msg("no entry %s", name11);
	return NULL;
}

static void test_bad_dirents(void **state)
{
	(void)state;
	const struct image *srcs[] = { &img32, &img16 };
	for (size_t s = 0; s < 2; s++) {
		/* a file whose first cluster is out of range */
		struct image im = image_copy(srcs[s]);
		uint8_t *e = find_dirent(&im, "X       DTB");
		put_le16(e + 26, 0xfff0);
		put_le16(e + 20, 0x0fff);
		assert_file_fails(&im, "/vm/x.dtb");
		/* a file of non-zero size without clusters */
		put_le16(e + 26, 0);
		put_le16(e + 20, 0);
		assert_file_fails(&im, "/vm/x.dtb");
		/* a file larger than its chain */
		memcpy(im.data, srcs[s]->data, im.size);
		e = find_dirent(&im, "X       DTB");
		put_le32(e + 28, 0x7fffffff);
		assert_file_fails(&im, "/vm/x.dtb");
		/* a directory whose first cluster is out of range */
		memcpy(im.data, srcs[s]->data, im.size);
		e = find_dirent(&im, "VM         ");
		put_le16(e + 26, 0xfffe);
		put_le16(e + 20, 0x0ff0);
		assert_file_fails(&im, "/vm/x.dtb");
		free(im.data);
	}
}

static void test_directory_loop(void **state)
{
	(void)state;
	struct image im = image_copy(&img32);
	struct fat_fs fs;
	struct fat_file f;
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_OK);
	set_fat(&im, &fs, fs.root_cluster, fs.root_cluster);
	assert_int_equal(fat_open(&fs, "/HELLO.TXT", &f), HV_OK);   /* found before the loop matters */
	/* no end marker in the root cluster: the lookup must follow the loop and stop */
	uint8_t *root = im.data + (fs.data_start + (uint64_t)(fs.root_cluster - 2) * fs.cluster_sectors) * 512;
	for (uint32_t off = 0; off < fs.cluster_bytes; off += 32)
		if (root[off] == 0)
			root[off] = 0xe5;
	assert_file_fails(&im, "/no-such-file");
	free(im.data);
}

static void test_truncated_image(void **state)
{
	(void)state;
	struct image im = image_copy(&img32);
	struct fat_fs fs;
	struct fat_file f;
	im.size = 1024 * 512;   /* the device is shorter than the volume: the data area is gone */
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_OK);
	assert_int_equal(fat_open(&fs, KERNEL, &f), HV_EIO);
	im.size = 256;
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_EIO);
	free(im.data);
}

/* Random byte flips in the metadata (boot sector, FATs, root directory): never a crash or hang. */
static void test_random_flips(void **state)
{
	(void)state;
	struct image im = image_copy(&img16);
	struct fat_fs fs;
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_OK);
	size_t meta = (size_t)(fs.data_start + 64 * fs.cluster_sectors) * 512;
	uint32_t seed = 0xc0ffee;
	static uint8_t buf[KERNEL_LEN];
	for (int iter = 0; iter < 300; iter++) {
		size_t where[8];
		for (int k = 0; k < 8; k++) {
			seed = seed * 1103515245u + 12345u;
			where[k] = (seed >> 4) % meta;
			im.data[where[k]] ^= (uint8_t)(1u << (seed & 7));
		}
		struct fat_file f;
		if (fat_mount(&fs, image_read, &im) == HV_OK) {
			static const char *const paths[] = { KERNEL, "/vm/x.dtb", "/HELLO.TXT", "/nope" };
			for (size_t p = 0; p < 4; p++)
				if (fat_open(&fs, paths[p], &f) == HV_OK && !f.is_dir)
					(void)fat_read(&fs, &f, 0, buf, sizeof(buf));
		}
		for (int k = 0; k < 8; k++)
			im.data[where[k]] = img16.data[where[k]];
	}
	free(im.data);
}

/* ---- in-place writes ---- */

static int image_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	struct image *im = ctx;
	uint64_t sectors = im->size / 512;
	if (sector >= sectors || count > sectors - sector)
		return HV_EIO;
	memcpy(im->data + sector * 512, buf, (size_t)count * 512);
	return 0;
}

static void test_write_in_place(void **state)
{
	(void)state;
	struct image im = image_copy(&img32);
	struct fat_fs fs;
	struct fat_file f;
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_OK);
	assert_int_equal(fat_open(&fs, KERNEL, &f), HV_OK);
	enum { AT = 8192, LEN = 20 * 1024 };
	uint8_t *patch = malloc(LEN), *buf = malloc(KERNEL_LEN);
	fill_random(patch, LEN, 0x5eed);
	/* a cached (unaligned) read of a sector the write replaces must not survive it */
	assert_int_equal(fat_read(&fs, &f, AT + 3, buf, 5), 5);
	assert_int_equal(fat_write_in_place(&fs, image_write, &im, &f, AT, patch, LEN), HV_OK);
	assert_int_equal(fat_read(&fs, &f, AT + 3, buf, 5), 5);
	assert_memory_equal(buf, patch + 3, 5);

	/* a fresh mount reads the new bytes in place and the old ones around them */
	assert_int_equal(fat_mount(&fs, image_read, &im), HV_OK);
	assert_int_equal(fat_open(&fs, KERNEL, &f), HV_OK);
	assert_int_equal(fat_file_size(&f), KERNEL_LEN);
	assert_int_equal(fat_read(&fs, &f, 0, buf, KERNEL_LEN), KERNEL_LEN);
	assert_memory_equal(buf, kernel_data, AT);
	assert_memory_equal(buf + AT, patch, LEN);
	assert_memory_equal(buf + AT + LEN, kernel_data + AT + LEN, KERNEL_LEN - AT - LEN);
	check_small_files(&fs);

	/* unaligned, past the end, directories */
	assert_int_equal(fat_write_in_place(&fs, image_write, &im, &f, 100, patch, 512), HV_EINVAL);
	assert_int_equal(fat_write_in_place(&fs, image_write, &im, &f, 0, patch, 100), HV_EINVAL);
	assert_int_equal(fat_write_in_place(&fs, image_write, &im, &f, KERNEL_LEN & ~511u, patch, 1024),
			 HV_ERANGE);
	struct fat_file dir;
	assert_int_equal(fat_open(&fs, "/sbin", &dir), HV_OK);
	assert_int_equal(fat_write_in_place(&fs, image_write, &im, &dir, 0, patch, 512), HV_EINVAL);
	free(patch);
	free(buf);
	free(im.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fat32),
		cmocka_unit_test(test_fat16),
		cmocka_unit_test(test_fat16_4k_sectors),
		cmocka_unit_test(test_bad_bpb),
		cmocka_unit_test(test_bad_chains),
		cmocka_unit_test(test_bad_dirents),
		cmocka_unit_test(test_directory_loop),
		cmocka_unit_test(test_truncated_image),
		cmocka_unit_test(test_random_flips),
		cmocka_unit_test(test_write_in_place),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
