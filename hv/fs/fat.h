/* fat.h: FAT16/FAT32 reader over a 512-byte-sector block-read callback (portable, no malloc), with
 * in-place rewrites of existing file bytes through a block-write callback. */
#ifndef HV_FS_FAT_H
#define HV_FS_FAT_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define FAT_SECTOR_SIZE 512u   /* unit of the read callback */
#define FAT_CACHE_SLOTS 4u

/* Reads count 512-byte sectors starting at sector into buf; returns 0 or a negative HV_E* code. */
typedef int (*fat_read_fn)(void *ctx, uint64_t sector, uint32_t count, void *buf);

/* Writes count 512-byte sectors from buf at sector; returns 0 or a negative HV_E* code. */
typedef int (*fat_write_fn)(void *ctx, uint64_t sector, uint32_t count, const void *buf);

enum fat_type {
	FAT_TYPE_16 = 16,
	FAT_TYPE_32 = 32,
};

struct fat_cache_slot {
	uint64_t sector;
	uint32_t stamp;        /* last use, for LRU eviction; 0 = empty */
	uint8_t data[FAT_SECTOR_SIZE];
};

/* All sector numbers below are in 512-byte callback sectors, whatever the volume's sector size. */
struct fat_fs {
	fat_read_fn read;
	void *ctx;
	enum fat_type type;
	uint64_t total_sectors;
	uint64_t fat_start;        /* first sector of the FAT in use */
	uint64_t root_start;       /* FAT16: fixed root directory */
	uint32_t root_sectors;     /* FAT16: its length */
	uint32_t root_cluster;     /* FAT32: first cluster of the root directory */
	uint64_t data_start;       /* sector of cluster 2 */
	uint32_t cluster_sectors;
	uint32_t cluster_bytes;
	uint32_t cluster_count;    /* valid clusters are 2 .. cluster_count + 1 */
	uint32_t cache_clock;
	struct fat_cache_slot cache[FAT_CACHE_SLOTS];
};

struct fat_file {
	uint32_t first_cluster;    /* 0: empty file, or the FAT16 fixed root directory */
	uint64_t size;
	bool is_dir;
	uint32_t cur_cluster;      /* streaming position: cluster number ... */
	uint32_t cur_index;        /* ... and its index in the chain (valid when cur_cluster != 0) */
};

int fat_mount(struct fat_fs *fs, fat_read_fn read, void *ctx);
int fat_open(struct fat_fs *fs, const char *path, struct fat_file *f);
int64_t fat_read(struct fat_fs *fs, struct fat_file *f, uint64_t offset, void *buf, uint64_t len);
uint64_t fat_file_size(const struct fat_file *f);
/* Overwrites len bytes of an existing file at offset (both multiples of 512, inside the file's
 * size) through write; never allocates clusters or changes the size. HV_EINVAL when unaligned,
 * HV_ERANGE past the end, HV_ECORRUPT for a broken cluster chain. */
int fat_write_in_place(struct fat_fs *fs, fat_write_fn write, void *ctx, struct fat_file *f, uint64_t offset,
		       const void *buf, uint64_t len);

#endif
