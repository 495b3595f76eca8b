/* host_dtb.c: reads the host device tree (libfdt) into struct host_info; portable. */
#include <string.h>
#include <libfdt.h>
#include "base/host_dtb.h"
#include "base/err.h"

struct host_info host;

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;
	for (int i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* Entry idx of a node's reg property, using its parent's #address-cells and #size-cells. */
static int node_reg(const void *fdt, int node, int idx, uint64_t *base, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
	int len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return HV_ENOENT;
	int stride = ac + sc;
	if ((idx + 1) * stride * 4 > len)
		return HV_ENOENT;
	*base = read_cells(reg + idx * stride, ac);
	*size = sc ? read_cells(reg + idx * stride + ac, sc) : 0;
	return HV_OK;
}

static uint32_t node_u32(const void *fdt, int node, const char *name, uint32_t dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
	return (p && len >= 4) ? fdt32_to_cpu(p[0]) : dflt;
}

static bool node_enabled(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);
	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

static void read_device(const void *fdt, int node, struct host_device *dev)
{
	if (node_reg(fdt, node, 0, &dev->base, &dev->size))
		dev->base = dev->size = 0;
	dev->irq = node_u32(fdt, node, "interrupts", 0);
}

static int first_compatible(const void *fdt, const char *const *names)
{
	for (; *names; names++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, *names);
		if (node >= 0)
			return node;
	}
	return -1;
}

/* riscv,isa-extensions when present, else riscv,isa; what cannot be parsed is an error, not a guess. */
static void read_isa(const void *fdt, int node, struct host_info *info)
{
	int string_len = 0, list_len = 0;
	const char *string = fdt_getprop(fdt, node, "riscv,isa", &string_len);
	const char *list = fdt_getprop(fdt, node, "riscv,isa-extensions", &list_len);
	info->isa_error[0] = 0;
	if (host_isa_set(&info->isa, string, string_len, list, list_len, info->isa_error, sizeof(info->isa_error)))
		info->isa = (struct host_isa){ 0 };
}

static void read_cpus(const void *fdt, struct host_info *info)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return;
	info->timebase_hz = node_u32(fdt, cpus, "timebase-frequency", 0);
	int node;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!type || strcmp(type, "cpu") || !node_enabled(fdt, node))
			continue;
		uint32_t hart = node_u32(fdt, node, "reg", 0);
		if (info->nharts < HV_MAX_HARTS)
			info->hart_ids[info->nharts] = hart;
		info->nharts++;
		if (hart == info->boot_hart || (!info->isa.string && !info->isa.list))
			read_isa(fdt, node, info);
		if (!info->timebase_hz)
			info->timebase_hz = node_u32(fdt, node, "timebase-frequency", 0);
	}
}

static void read_memory(const void *fdt, struct host_info *info)
{
	int node;
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!type || strcmp(type, "memory") || !node_enabled(fdt, node))
			continue;
		uint64_t base, size;
		for (int i = 0; info->nram < HOST_MAX_RAM && !node_reg(fdt, node, i, &base, &size); i++)
			if (size)
				info->ram[info->nram++] = (struct mem_range){ base, size };
	}
}

static void add_reserved(struct host_info *info, uint64_t base, uint64_t size)
{
	if (size && info->nreserved < HOST_MAX_RESERVED)
		info->reserved[info->nreserved++] = (struct mem_range){ base, size };
}

static void read_reserved(const void *fdt, struct host_info *info)
{
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		uint64_t base, size;
		if (!fdt_get_mem_rsv(fdt, i, &base, &size))
			add_reserved(info, base, size);
	}
	int parent = fdt_path_offset(fdt, "/reserved-memory"), node;
	if (parent < 0)
		return;
	fdt_for_each_subnode(node, fdt, parent) {
		uint64_t base, size;
		for (int i = 0; !node_reg(fdt, node, i, &base, &size); i++)
			add_reserved(info, base, size);
	}
}

static void read_uart(const void *fdt, struct host_info *info)
{
	static const char *const uarts[] = { "ns16550a", "ns16550", NULL };
	int node = -1, chosen = fdt_path_offset(fdt, "/chosen");
	const char *path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", NULL) : NULL;
	if (path) {
		char name[128];
		size_t n = strcspn(path, ":");
		if (n < sizeof(name)) {
			memcpy(name, path, n);
			name[n] = 0;
			node = fdt_path_offset(fdt, name);
		}
	}
	if (node < 0 || (fdt_node_check_compatible(fdt, node, "ns16550a") &&
			 fdt_node_check_compatible(fdt, node, "ns16550")))
		node = first_compatible(fdt, uarts);
	if (node < 0)
		return;
	read_device(fdt, node, &info->uart);
	info->uart_reg_shift = node_u32(fdt, node, "reg-shift", 0);
}

static void read_virtio(const void *fdt, struct host_info *info)
{
	int node = -1;
	while ((node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio")) >= 0) {
		if (info->nvirtio >= HOST_MAX_VIRTIO)
			break;
		struct host_device dev;
		read_device(fdt, node, &dev);
		/* keep them sorted by address: slot n is at base + n * 0x1000 */
		int i = info->nvirtio++;
		while (i > 0 && info->virtio[i - 1].base > dev.base) {
			info->virtio[i] = info->virtio[i - 1];
			i--;
		}
		info->virtio[i] = dev;
	}
}

static void read_pflash(const void *fdt, struct host_info *info)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "cfi-flash");
	uint64_t base, size;
	for (int i = 0; node >= 0 && i < HOST_MAX_PFLASH && !node_reg(fdt, node, i, &base, &size); i++)
		info->pflash[info->npflash++] = (struct host_device){ base, size, 0 };
}

static void read_chosen(const void *fdt, struct host_info *info)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", NULL) : NULL;
	if (args) {
		strncpy(info->bootargs, args, sizeof(info->bootargs) - 1);
		info->bootargs[sizeof(info->bootargs) - 1] = 0;
	}
}

int host_dtb_parse(const void *fdt, uint32_t boot_hart, struct host_info *info)
{
	static const char *const plics[] = { "riscv,plic0", "sifive,plic-1.0.0", NULL };
	static const char *const clints[] = { "riscv,clint0", "sifive,clint0", NULL };
	memset(info, 0, sizeof(*info));
	if (fdt_check_header(fdt))
		return HV_EINVAL;
	info->fdt_version = fdt_version(fdt);
	info->boot_hart = boot_hart;
	read_cpus(fdt, info);
	read_memory(fdt, info);
	read_reserved(fdt, info);
	read_uart(fdt, info);
	read_virtio(fdt, info);
	read_pflash(fdt, info);
	read_chosen(fdt, info);
	int node = first_compatible(fdt, plics);
	if (node >= 0)
		read_device(fdt, node, &info->plic);
	node = first_compatible(fdt, clints);
	if (node >= 0)
		read_device(fdt, node, &info->clint);
	node = fdt_node_offset_by_compatible(fdt, -1, "qemu,fw-cfg-mmio");
	if (node >= 0)
		read_device(fdt, node, &info->fw_cfg);
	info->has_h = host_isa_has(&info->isa, "h");
	info->has_sstc = host_isa_has(&info->isa, "sstc");
	return (info->nram && info->nharts) ? HV_OK : HV_EINVAL;
}
