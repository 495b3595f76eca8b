/* disk.c: finds the hypervisor's disk at boot and proves it reads (its first sector). */
#include "fs/disk.h"
#include "base/err.h"
#include "base/log.h"

struct virtio_blk hv_disk;
bool hv_have_disk;

static uint8_t first_sector[VIRTIO_BLK_SECTOR] __attribute__((aligned(64)));

int disk_open(const struct host_info *info)
{
	int err = virtio_blk_probe(info, &hv_disk);
	if (err == HV_ENOENT) {
		log_info("disk: none (no virtio-blk device)");
		return HV_OK;
	}
	if (err) {
		log_error("disk: virtio-blk at 0x%lx cannot be set up: %s", (unsigned long)hv_disk.base,
			  hv_strerror(err));
		return err;
	}
	err = virtio_blk_read(&hv_disk, 0, 1, first_sector);
	if (err) {
		log_error("disk: virtio-blk at 0x%lx: reading sector 0 failed: %s", (unsigned long)hv_disk.base,
			  hv_strerror(err));
		return err;
	}
	hv_have_disk = true;
	log_info("disk: virtio-blk %s at 0x%lx, %lu sectors (%lu KiB), sector 0 ends 0x%02x%02x",
		 hv_disk.version == 1 ? "legacy" : "modern", (unsigned long)hv_disk.base,
		 (unsigned long)hv_disk.capacity, (unsigned long)(hv_disk.capacity / 2),
		 first_sector[510], first_sector[511]);
	return HV_OK;
}
