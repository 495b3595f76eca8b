/* virtio_blk.h: the hypervisor's own disk: a polled virtio-mmio block device (legacy or modern). */
#ifndef HV_DRIVERS_VIRTIO_BLK_H
#define HV_DRIVERS_VIRTIO_BLK_H
#include "base/host_dtb.h"

#define VIRTIO_BLK_SECTOR 512

struct virtio_blk {
	uint64_t base;          /* the virtio-mmio slot */
	uint32_t version;       /* 1 = legacy, 2 = modern */
	uint64_t capacity;      /* in 512-byte sectors */
	uint16_t queue_size;
	uint16_t last_used;
};

/* Finds the first virtio-mmio slot with a block device and sets it up; HV_ENOENT when none. */
int virtio_blk_probe(const struct host_info *info, struct virtio_blk *dev);
/* Reads count sectors from sector into buf (any length, split into large requests);
 * HV_ERANGE past the end of the disk, HV_EIO on a device error or a request that never completes.
 * Matches the FAT reader's block-read callback (ctx = the struct virtio_blk). */
int virtio_blk_read(void *ctx, uint64_t sector, uint32_t count, void *buf);
/* Writes count sectors from buf at sector; same limits and errors as virtio_blk_read. */
int virtio_blk_write(void *ctx, uint64_t sector, uint32_t count, const void *buf);

#endif
