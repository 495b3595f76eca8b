/* files.c: opens and reads files from the disk's FAT volume, or from the image's embedded files
 * when the machine has no disk. */
#include <string.h>
#include "fs/disk.h"
#include "fs/embedded.h"
#include "base/err.h"
#include "base/log.h"
#include "fs/files.h"

static struct fat_fs volume;
static bool have_volume;

int files_init(void)
{
	if (!hv_have_disk) {
		log_info("files: no disk; using the guests and descriptions embedded in the image");
		return HV_OK;
	}
	int err = fat_mount(&volume, virtio_blk_read, &hv_disk);
	if (err) {
		log_error("disk: virtio-blk at 0x%lx holds no usable FAT16/FAT32 volume (%s); "
			  "build one with tools/mkdisk", (unsigned long)hv_disk.base, hv_strerror(err));
		return err;
	}
	/* A truncated image mounts (its first sectors are there) but fails later, file by file, with
	 * reads past the end: refuse it now in one line instead. */
	if (volume.total_sectors > hv_disk.capacity) {
		log_error("disk: the FAT%d volume spans %lu sectors but the virtio-blk disk at 0x%lx has only %lu: "
			  "the image is truncated; build it again with tools/mkdisk", volume.type,
			  (unsigned long)volume.total_sectors, (unsigned long)hv_disk.base, (unsigned long)hv_disk.capacity);
		return HV_ECORRUPT;
	}
	have_volume = true;
	log_info("files: FAT%d volume on the disk", volume.type);
	return HV_OK;
}

const char *files_source(void)
{
	return have_volume ? "disk" : "image";
}

int files_open(const char *path, struct hv_file *f)
{
	memset(f, 0, sizeof(*f));
	f->path = path;
	if (!have_volume) {
		if (!embedded_find(path, &f->emb))
			return HV_ENOENT;
		f->embedded = true;
		f->size = f->emb.size;
		return HV_OK;
	}
	int err = fat_open(&volume, path, &f->fat);
	if (err)
		return err;
	if (f->fat.is_dir)
		return HV_EINVAL;
	f->size = fat_file_size(&f->fat);
	return HV_OK;
}

int64_t files_read(void *ctx, uint64_t offset, void *dst, uint64_t len)
{
	struct hv_file *f = ctx;
	if (f->embedded) {
		if (offset >= f->size)
			return 0;
		if (len > f->size - offset)
			len = f->size - offset;
		memcpy(dst, f->emb.data + offset, len);
		return (int64_t)len;
	}
	return fat_read(&volume, &f->fat, offset, dst, len);
}

int files_write(struct hv_file *f, uint64_t offset, const void *src, uint64_t len)
{
	if (f->embedded || !have_volume)
		return HV_ENOTSUP;
	return fat_write_in_place(&volume, virtio_blk_write, &hv_disk, &f->fat, offset, src, len);
}
