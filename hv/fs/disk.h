/* disk.h: the hypervisor's disk (virtio-blk), found and checked at boot. */
#ifndef HV_FS_DISK_H
#define HV_FS_DISK_H
#include "drivers/virtio_blk.h"

extern struct virtio_blk hv_disk;
extern bool hv_have_disk;

/* Probes the virtio-mmio slots for a disk and reads its first sector; logs what it found.
 * HV_OK with or without a disk (hv_have_disk tells), an error when a disk is there but fails. */
int disk_open(const struct host_info *info);

#endif
