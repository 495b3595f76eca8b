/* fuzz_fat.c: libFuzzer target for the FAT16/FAT32 reader: mount, path lookups, file reads and in-place writes on a fuzzed disk.
 * fuzz-sources: hv/fs/fat.c
 * Input: a sparse disk of FUZZ_FAT_DISK_SECTORS sectors, as records of a 32-bit little-endian sector
 * number and that sector's 512 bytes (later records win); unnamed sectors read as zeros. A real FAT32
 * volume is 32 MiB or more, but only a dozen of its sectors are not zero, so seeds stay small.
 * Checked: the reader asks only for sectors inside the disk and the volume, reads never return more
 * than the file holds, and writes land inside the volume.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fs/fat.h"
#include "base/err.h"
#include "fuzz_check.h"

#define FUZZ_FAT_DISK_SECTORS (128u * 2048u)   /* a 128 MiB disk */
#define FUZZ_FAT_RECORD       (4u + FAT_SECTOR_SIZE)

struct fuzz_disk {
	const uint8_t *data;
	size_t nrecords;
	struct fat_fs *fs;
};

static const uint8_t *fuzz_fat_find(const struct fuzz_disk *d, uint64_t sector)
{
	for (size_t i = d->nrecords; i-- > 0;) {
		const uint8_t *r = d->data + i * FUZZ_FAT_RECORD;
		if ((uint32_t)(r[0] | r[1] << 8 | r[2] << 16 | (uint32_t)r[3] << 24) == sector)
			return r + 4;
	}
	return NULL;
}

static int fuzz_fat_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
	const struct fuzz_disk *d = ctx;

	/* the callback's contract: at most one 32 MiB run, and (once mounted) inside the volume */
	FUZZ_CHECK(count > 0 && count <= 0x10000u);
	if (d->fs->total_sectors)
		FUZZ_CHECK(sector < d->fs->total_sectors && count <= d->fs->total_sectors - sector);
	if (sector >= FUZZ_FAT_DISK_SECTORS || count > FUZZ_FAT_DISK_SECTORS - sector)
		return HV_EIO;   /* a volume larger than the disk: the device says no, as virtio-blk would */
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *src = fuzz_fat_find(d, sector + i);
		uint8_t *dst = (uint8_t *)buf + (size_t)i * FAT_SECTOR_SIZE;
		if (src)
			memcpy(dst, src, FAT_SECTOR_SIZE);
		else
			memset(dst, 0, FAT_SECTOR_SIZE);
	}
	return HV_OK;
}

static int fuzz_fat_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	const struct fuzz_disk *d = ctx;

	FUZZ_CHECK(count > 0 && sector < d->fs->total_sectors && count <= d->fs->total_sectors - sector);
	FUZZ_CHECK(sector >= d->fs->data_start);   /* file bytes live in the data area, never the FAT or BPB */
	volatile uint8_t sink = ((const uint8_t *)buf)[(size_t)count * FAT_SECTOR_SIZE - 1];   /* ASan: buf holds count sectors */
	(void)sink;
	return HV_OK;
}

/* Reads the whole file in uneven pieces, then past its end, checking every count. */
static void fuzz_fat_read_file(struct fat_fs *fs, struct fat_file *f, struct fuzz_disk *d)
{
	static uint8_t buf[3 * 4096 + 17];
	uint64_t size = fat_file_size(f), off = 0;
	size_t piece = 1;

	for (int n = 0; n < 64 && off < size; n++) {
		int64_t got = fat_read(fs, f, off, buf, piece);
		if (got < 0)
			return;
		FUZZ_CHECK((uint64_t)got <= piece && (uint64_t)got <= size - off);
		if (got == 0)
			return;
		off += (uint64_t)got;
		piece = piece * 7 % sizeof(buf) + 1;
	}
	FUZZ_CHECK(fat_read(fs, f, size, buf, 10) <= 0);
	FUZZ_CHECK(fat_read(fs, f, size + 4096, buf, 10) <= 0);
	if (size >= 2 * FAT_SECTOR_SIZE) {   /* rewrite the second sector of the file in place */
		memset(buf, 0x5a, FAT_SECTOR_SIZE);
		int rc = fat_write_in_place(fs, fuzz_fat_write, d, f, FAT_SECTOR_SIZE, buf, FAT_SECTOR_SIZE);
		FUZZ_CHECK(rc <= 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"/sbin/u_3_0_riscv64-qemu-virt.bin", "/vm/x.dtb", "/HELLO.TXT", "/hello.txt",
		"/vm/deeper/Mixed_Case_Long_Name.text", "/vm/deeper", "/", "/sbin/", "//vm//x.dtb", "/a/b/c/d/e",
	};
	static struct fat_fs fs;
	struct fuzz_disk d = { data, size / FUZZ_FAT_RECORD, &fs };

	memset(&fs, 0, sizeof(fs));
	if (fat_mount(&fs, fuzz_fat_read, &d) != HV_OK)
		return 0;
	FUZZ_CHECK(fs.type == FAT_TYPE_16 || fs.type == FAT_TYPE_32);
	FUZZ_CHECK(fs.cluster_sectors > 0 && fs.data_start < fs.total_sectors);
	FUZZ_CHECK(fs.data_start + (uint64_t)fs.cluster_count * fs.cluster_sectors <= fs.total_sectors);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct fat_file f;
		int rc = fat_open(&fs, paths[i], &f);
		FUZZ_CHECK(rc <= 0);
		if (rc == HV_OK && !f.is_dir)
			fuzz_fat_read_file(&fs, &f, &d);
	}
	return 0;
}
