/* files.h: the files the hypervisor reads (guests, descriptions, initrds, pflash backings): from
 * the FAT volume on its virtio-blk disk, or from the files embedded in its image when there is no disk. */
#ifndef HV_FS_FILES_H
#define HV_FS_FILES_H
#include "base/types.h"
#include "fs/embedded.h"
#include "fs/fat.h"

struct hv_file {
	const char *path;
	uint64_t size;
	struct fat_file fat;                 /* on the disk ... */
	bool embedded;                       /* ... or embedded: */
	struct embedded_file emb;
};

/* Mounts the disk's FAT volume if there is a disk (after disk_open). With no disk the embedded
 * files serve. Returns HV_OK, or an error (logged, one line) when the disk is there but unusable. */
int files_init(void);
/* "disk" or "image": where files come from. */
const char *files_source(void);
/* Opens a regular file; HV_ENOENT when absent, HV_EINVAL for a directory, HV_ECORRUPT for a broken volume. */
int files_open(const char *path, struct hv_file *f);
/* Reads len bytes at offset; returns the bytes read or a negative error (a loader_read_fn: ctx = struct hv_file *). */
int64_t files_read(void *ctx, uint64_t offset, void *dst, uint64_t len);
/* Rewrites len bytes at offset in place (512-byte aligned, inside the file); disk files only. */
int files_write(struct hv_file *f, uint64_t offset, const void *src, uint64_t len);

#endif
