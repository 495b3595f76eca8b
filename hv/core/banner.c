/* banner.c: prints what the hypervisor found in the host device tree, one screen long. */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "core/banner.h"

#define HV_VERSION "0.1"

const char *size_str(char *buf, int len, uint64_t bytes)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;
	while (u < 4 && bytes >= 1024 && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)bytes, units[u]);
	return buf;
}

static void print_range(const char *label, uint64_t base, uint64_t size)
{
	char sz[24];
	printf("  %-10s: 0x%08llx-0x%08llx (%s)\n", label, (unsigned long long)base,
	       (unsigned long long)(base + size), size_str(sz, sizeof(sz), size));
}

static void print_devices(const struct host_info *info)
{
	if (info->uart.base)
		printf("  %-10s: ns16550a at 0x%08llx irq %u\n", "uart",
		       (unsigned long long)info->uart.base, info->uart.irq);
	if (info->nvirtio)
		printf("  %-10s: %d slots at 0x%08llx..0x%08llx (irq %u..%u)\n", "virtio", info->nvirtio,
		       (unsigned long long)info->virtio[0].base,
		       (unsigned long long)info->virtio[info->nvirtio - 1].base,
		       info->virtio[0].irq, info->virtio[info->nvirtio - 1].irq);
	for (int i = 0; i < info->npflash; i++)
		print_range(i ? "pflash1" : "pflash0", info->pflash[i].base, info->pflash[i].size);
	if (info->plic.base)
		print_range("plic", info->plic.base, info->plic.size);
	if (info->clint.base)
		print_range("clint", info->clint.base, info->clint.size);
}

/* The harts that run vCPUs, into ids[]; returns how many. Today that is the boot hart alone:
 * core/sched.c puts every vCPU on its run queue, and the other harts stay parked in OpenSBI. */
static int vcpu_harts(const struct host_info *info, uint32_t *ids, int max)
{
	if (max < 1)
		return 0;
	ids[0] = info->boot_hart;
	return 1;
}

static void print_harts(const struct host_info *info)
{
	printf("  %-10s: %d (boot hart %u; ids", "harts", info->nharts, info->boot_hart);
	for (int i = 0; i < info->nharts && i < HV_MAX_HARTS; i++)
		printf(" %u", info->hart_ids[i]);
	printf(")\n");
	if (info->nharts > HV_MAX_HARTS) {
		int more = info->nharts - HV_MAX_HARTS;
		printf("  %-10s: %d more hart%s in the DTB (the hypervisor keeps the first %d ids)\n",
		       "not listed", more, more == 1 ? "" : "s", HV_MAX_HARTS);
	}
	uint32_t ids[HV_MAX_HARTS];
	int n = vcpu_harts(info, ids, HV_MAX_HARTS);
	if (n >= info->nharts)
		return;
	int parked = info->nharts - n;
	printf("  %-10s:", "vcpu harts");
	for (int i = 0; i < n; i++)
		printf(" %u", ids[i]);
	if (parked == 1)
		printf(" (the other hart stays parked)\n");
	else
		printf(" (the other %d stay parked)\n", parked);
}

/* riscv,isa as the DTB gives it, and the riscv,isa-extensions list, which wins where both are. */
static void print_isa(const struct host_isa *isa)
{
	if (isa->string)
		printf("  %-10s: %s\n", "isa", isa->string);
	if (!isa->list)
		return;
	printf("  %-10s:", "isa list");
	for (int i = 0; i < isa->list_len; i += (int)strlen(isa->list + i) + 1)
		printf(" %s", isa->list + i);
	printf("\n");
}

void banner_print(const struct host_info *info, const void *dtb, uint64_t image_start, uint64_t image_end)
{
	printf("\nHartvisor %s: a type-1 hypervisor for the RISC-V H extension\n", HV_VERSION);
	printf("  %-10s: version %u at 0x%08llx (%u bytes)\n", "dtb", info->fdt_version,
	       (unsigned long long)(uintptr_t)dtb, fdt_totalsize(dtb));
	print_harts(info);
	for (int i = 0; i < info->nram; i++)
		print_range("ram", info->ram[i].base, info->ram[i].size);
	for (int i = 0; i < info->nreserved; i++)
		print_range("reserved", info->reserved[i].base, info->reserved[i].size);
	printf("  %-10s: %llu Hz\n", "timebase", (unsigned long long)info->timebase_hz);
	print_devices(info);
	print_isa(&info->isa);
	printf("  %-10s: H extension %s, Sstc %s\n", "extensions", info->has_h ? "yes" : "NO",
	       info->has_sstc ? "yes" : "no");
	print_range("hypervisor", image_start, image_end - image_start);
	if (info->bootargs[0])
		printf("  %-10s: %s\n", "bootargs", info->bootargs);
}
