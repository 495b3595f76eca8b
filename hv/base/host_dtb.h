/* host_dtb.h: what the hypervisor learns about the machine from the host device tree. */
#ifndef HV_BASE_HOST_DTB_H
#define HV_BASE_HOST_DTB_H
#include "base/isa.h"
#include "base/limits.h"
#include "base/types.h"

struct host_device {
	uint64_t base;
	uint64_t size;
	uint32_t irq;       /* 0 when it has none */
};

struct host_info {
	uint32_t fdt_version;
	int nharts;
	uint32_t hart_ids[HV_MAX_HARTS];   /* the first HV_MAX_HARTS of nharts */
	uint32_t boot_hart;
	int nram;
	struct mem_range ram[HOST_MAX_RAM];
	int nreserved;
	struct mem_range reserved[HOST_MAX_RESERVED];
	uint64_t timebase_hz;
	struct host_device uart;
	uint32_t uart_reg_shift;
	int nvirtio;
	struct host_device virtio[HOST_MAX_VIRTIO];
	int npflash;
	struct host_device pflash[HOST_MAX_PFLASH];
	struct host_device plic;
	struct host_device clint;
	struct host_device fw_cfg;     /* QEMU's firmware configuration device, if any */
	struct host_isa isa;           /* the boot hart's (points into the DTB) */
	char isa_error[160];           /* why its ISA could not be read; empty when it could */
	bool has_h;
	bool has_sstc;
	char bootargs[256];
};

/* What boot learnt about this machine (filled once, by the boot hart, before anything runs). */
extern struct host_info host;

/* Fills *info from the flattened tree; HV_EINVAL when it is not a valid tree or lacks RAM or CPUs. */
int host_dtb_parse(const void *fdt, uint32_t boot_hart, struct host_info *info);
#endif
