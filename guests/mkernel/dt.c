/* dt.c: what the kernel learns from its device tree (libfdt): its RAM, the CFI flash that holds the
 * application, the timebase, and where the DTB itself lies (so the page allocator leaves it alone). */
#include <libfdt.h>
#include <stdio.h>
#include "lib/fdt.h"
#include "kernel.h"

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* The first node with device_type = "memory": its first reg entry. */
static int find_memory(const void *dtb, uint64_t *base, uint64_t *size)
{
	int node = fdt_node_offset_by_prop_value(dtb, -1, "device_type", "memory", sizeof("memory"));
	if (node < 0)
		return node;
	int parent = fdt_parent_offset(dtb, node);
	int ac = fdt_address_cells(dtb, parent), sc = fdt_size_cells(dtb, parent);
	int len;
	const fdt32_t *reg = fdt_getprop(dtb, node, "reg", &len);
	if (reg == NULL || ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
	    len < (ac + sc) * (int)sizeof(fdt32_t))
		return -FDT_ERR_BADVALUE;
	*base = read_cells(reg, ac);
	*size = read_cells(reg + ac, sc);
	return 0;
}

/* /cpus timebase-frequency (one or two cells). */
static int find_timebase(const void *dtb, uint64_t *hz)
{
	int cpus = fdt_path_offset(dtb, "/cpus");
	if (cpus < 0)
		return cpus;
	int len;
	const fdt32_t *p = fdt_getprop(dtb, cpus, "timebase-frequency", &len);
	if (p == NULL || (len != 4 && len != 8))
		return -FDT_ERR_NOTFOUND;
	*hz = read_cells(p, len / 4);
	return *hz ? 0 : -FDT_ERR_BADVALUE;
}

int dt_read_machine(const void *dtb, struct machine *m)
{
	int err = fdt_check_header(dtb);
	if (err) {
		printf("mkernel: bad device tree at %p: %s\n", dtb, fdt_strerror(err));
		return -1;
	}
	m->dtb_base = (uint64_t)(uintptr_t)dtb;
	m->dtb_size = fdt_totalsize(dtb);
	if ((err = find_memory(dtb, &m->ram_base, &m->ram_size)) < 0) {
		printf("mkernel: no memory node in the device tree: %s\n", fdt_strerror(err));
		return -1;
	}
	if ((err = guest_fdt_find_reg(dtb, "cfi-flash", &m->flash_base, &m->flash_size)) < 0) {
		printf("mkernel: no cfi-flash device in the device tree: %s\n", fdt_strerror(err));
		return -1;
	}
	if ((err = find_timebase(dtb, &m->timebase_hz)) < 0) {
		printf("mkernel: no /cpus timebase-frequency in the device tree: %s\n", fdt_strerror(err));
		return -1;
	}
	return 0;
}
