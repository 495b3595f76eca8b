/* virtio_blk.c: a polled virtio-mmio block driver (legacy v1 and modern v2 register layouts),
 * one request in flight, reading straight into the caller's buffer. */
#include <string.h>
#include "riscv/csr.h"
#include "base/err.h"
#include "drivers/virtio_blk.h"

/* virtio-mmio registers */
#define VM_MAGIC            0x000
#define VM_VERSION          0x004
#define VM_DEVICE_ID        0x008
#define VM_DEVICE_FEATURES  0x010
#define VM_DEVICE_FEAT_SEL  0x014
#define VM_DRIVER_FEATURES  0x020
#define VM_DRIVER_FEAT_SEL  0x024
#define VM_GUEST_PAGE_SIZE  0x028   /* legacy */
#define VM_QUEUE_SEL        0x030
#define VM_QUEUE_NUM_MAX    0x034
#define VM_QUEUE_NUM        0x038
#define VM_QUEUE_ALIGN      0x03c   /* legacy */
#define VM_QUEUE_PFN        0x040   /* legacy */
#define VM_QUEUE_READY      0x044   /* modern */
#define VM_QUEUE_NOTIFY     0x050
#define VM_INTERRUPT_STATUS 0x060
#define VM_INTERRUPT_ACK    0x064
#define VM_STATUS           0x070
#define VM_QUEUE_DESC_LO    0x080
#define VM_QUEUE_DESC_HI    0x084
#define VM_QUEUE_AVAIL_LO   0x090
#define VM_QUEUE_AVAIL_HI   0x094
#define VM_QUEUE_USED_LO    0x0a0
#define VM_QUEUE_USED_HI    0x0a4
#define VM_CONFIG           0x100   /* virtio-blk: capacity (u64 sectors) first */

#define VIRTIO_MAGIC        0x74726976   /* "virt" */
#define VIRTIO_ID_BLOCK     2
#define STATUS_ACK          1
#define STATUS_DRIVER       2
#define STATUS_DRIVER_OK    4
#define STATUS_FEATURES_OK  8
#define STATUS_FAILED       128
#define FEATURE_VERSION_1_HI 1u       /* bit 32: in the upper feature word */

#define QUEUE_SIZE          8
#define DESC_F_NEXT         1
#define DESC_F_WRITE        2
#define BLK_T_IN            0
#define BLK_T_OUT           1
#define MAX_REQUEST_BYTES   (1u << 20)
#define REQUEST_TIMEOUT_TICKS 50000000UL   /* 5 s at QEMU virt's 10 MHz timebase */

struct vring_desc { uint64_t addr; uint32_t len; uint16_t flags, next; };
struct vring_avail { uint16_t flags, idx, ring[QUEUE_SIZE], used_event; };
struct vring_used_elem { uint32_t id, len; };
struct vring_used { uint16_t flags, idx; struct vring_used_elem ring[QUEUE_SIZE]; uint16_t avail_event; };
struct blk_req_header { uint32_t type, reserved; uint64_t sector; };

/* The legacy layout: descriptors and avail ring in the first page, used ring in the second. */
static struct {
	struct vring_desc desc[QUEUE_SIZE];
	struct vring_avail avail;
	uint8_t pad[4096 - sizeof(struct vring_desc) * QUEUE_SIZE - sizeof(struct vring_avail)];
	struct vring_used used;
} ring __attribute__((aligned(4096)));
static struct blk_req_header req_header;
static volatile uint8_t req_status;

static inline uint32_t reg_read(const struct virtio_blk *d, unsigned off)
{
	return *(volatile uint32_t *)(uintptr_t)(d->base + off);
}

static inline void reg_write(const struct virtio_blk *d, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(d->base + off) = v;
}

static int negotiate(struct virtio_blk *d)
{
	reg_write(d, VM_STATUS, 0);
	reg_write(d, VM_STATUS, STATUS_ACK);
	reg_write(d, VM_STATUS, STATUS_ACK | STATUS_DRIVER);
	reg_write(d, VM_DRIVER_FEAT_SEL, 0);
	reg_write(d, VM_DRIVER_FEATURES, 0);   /* no optional features: plain reads and writes are enough */
	if (d->version == 1)
		return HV_OK;
	reg_write(d, VM_DEVICE_FEAT_SEL, 1);
	if (!(reg_read(d, VM_DEVICE_FEATURES) & FEATURE_VERSION_1_HI))
		return HV_ENOTSUP;
	reg_write(d, VM_DRIVER_FEAT_SEL, 1);
	reg_write(d, VM_DRIVER_FEATURES, FEATURE_VERSION_1_HI);
	reg_write(d, VM_STATUS, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
	return (reg_read(d, VM_STATUS) & STATUS_FEATURES_OK) ? HV_OK : HV_ENOTSUP;
}

static void set_queue_address(struct virtio_blk *d, unsigned lo, uint64_t addr)
{
	reg_write(d, lo, (uint32_t)addr);
	reg_write(d, lo + 4, (uint32_t)(addr >> 32));
}

static int setup_queue(struct virtio_blk *d)
{
	memset(&ring, 0, sizeof(ring));
	reg_write(d, VM_QUEUE_SEL, 0);
	uint32_t max = reg_read(d, VM_QUEUE_NUM_MAX);
	if (max < 3)
		return HV_ENOTSUP;   /* a request needs three descriptors */
	d->queue_size = max < QUEUE_SIZE ? (uint16_t)max : QUEUE_SIZE;
	d->last_used = 0;
	reg_write(d, VM_QUEUE_NUM, d->queue_size);
	if (d->version == 1) {
		reg_write(d, VM_GUEST_PAGE_SIZE, 4096);
		reg_write(d, VM_QUEUE_ALIGN, 4096);
		reg_write(d, VM_QUEUE_PFN, (uint32_t)((uintptr_t)&ring >> 12));
	} else {
		set_queue_address(d, VM_QUEUE_DESC_LO, (uintptr_t)ring.desc);
		set_queue_address(d, VM_QUEUE_AVAIL_LO, (uintptr_t)&ring.avail);
		set_queue_address(d, VM_QUEUE_USED_LO, (uintptr_t)&ring.used);
		reg_write(d, VM_QUEUE_READY, 1);
	}
	return HV_OK;
}

static int setup_device(struct virtio_blk *d, uint64_t base)
{
	d->base = base;
	if (reg_read(d, VM_MAGIC) != VIRTIO_MAGIC || reg_read(d, VM_DEVICE_ID) != VIRTIO_ID_BLOCK)
		return HV_ENOENT;
	d->version = reg_read(d, VM_VERSION);
	if (d->version != 1 && d->version != 2)
		return HV_ENOTSUP;
	int err = negotiate(d);
	if (!err)
		err = setup_queue(d);
	if (err) {
		reg_write(d, VM_STATUS, STATUS_FAILED);
		return err;
	}
	d->capacity = reg_read(d, VM_CONFIG) | ((uint64_t)reg_read(d, VM_CONFIG + 4) << 32);
	reg_write(d, VM_STATUS, reg_read(d, VM_STATUS) | STATUS_DRIVER_OK);
	return HV_OK;
}

int virtio_blk_probe(const struct host_info *info, struct virtio_blk *dev)
{
	int err = HV_ENOENT;
	for (int i = 0; i < info->nvirtio; i++) {
		err = setup_device(dev, info->virtio[i].base);
		if (err != HV_ENOENT)
			return err;
	}
	return err;
}

/* One request of at most MAX_REQUEST_BYTES: header, data (device writes), status. */
/* One request of bytes at sector: the device writes into buf (BLK_T_IN) or reads from it (BLK_T_OUT). */
static int do_request(struct virtio_blk *d, uint32_t type, uint64_t sector, uint32_t bytes, void *buf)
{
	req_header = (struct blk_req_header){ type, 0, sector };
	req_status = 0xff;
	uint16_t data_flags = DESC_F_NEXT | (type == BLK_T_IN ? DESC_F_WRITE : 0);
	ring.desc[0] = (struct vring_desc){ (uintptr_t)&req_header, sizeof(req_header), DESC_F_NEXT, 1 };
	ring.desc[1] = (struct vring_desc){ (uintptr_t)buf, bytes, data_flags, 2 };
	ring.desc[2] = (struct vring_desc){ (uintptr_t)&req_status, 1, DESC_F_WRITE, 0 };
	ring.avail.ring[ring.avail.idx % d->queue_size] = 0;
	__asm__ volatile("fence rw, rw" ::: "memory");
	ring.avail.idx++;
	__asm__ volatile("fence rw, rw" ::: "memory");
	reg_write(d, VM_QUEUE_NOTIFY, 0);
	uint64_t start = csr_read(CSR_TIME);
	while (*(volatile uint16_t *)&ring.used.idx == d->last_used)
		if (csr_read(CSR_TIME) - start > REQUEST_TIMEOUT_TICKS)
			return HV_EIO;
	__asm__ volatile("fence rw, rw" ::: "memory");
	d->last_used++;
	reg_write(d, VM_INTERRUPT_ACK, reg_read(d, VM_INTERRUPT_STATUS));
	return req_status == 0 ? HV_OK : HV_EIO;
}

/* Splits a transfer into requests of at most MAX_REQUEST_BYTES. */
static int transfer(struct virtio_blk *d, uint32_t type, uint64_t sector, uint32_t count, uint8_t *buf)
{
	if (sector > d->capacity || count > d->capacity - sector)
		return HV_ERANGE;
	while (count) {
		uint32_t n = count > MAX_REQUEST_BYTES / VIRTIO_BLK_SECTOR ? MAX_REQUEST_BYTES / VIRTIO_BLK_SECTOR : count;
		int err = do_request(d, type, sector, n * VIRTIO_BLK_SECTOR, buf);
		if (err)
			return err;
		sector += n;
		count -= n;
		buf += (uint64_t)n * VIRTIO_BLK_SECTOR;
	}
	return HV_OK;
}

int virtio_blk_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
	return transfer(ctx, BLK_T_IN, sector, count, buf);
}

int virtio_blk_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	return transfer(ctx, BLK_T_OUT, sector, count, (uint8_t *)(uintptr_t)buf);
}
