/* fdt.c: device-tree lookups for guests (see fdt.h), on top of libfdt. */
#include <libfdt.h>
#include "lib/fdt.h"

/* One address or size of n (1 or 2) big-endian cells. */
static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

int guest_fdt_find_reg(const void *dtb, const char *compatible, uint64_t *base, uint64_t *size)
{
	if (dtb == NULL)
		return -FDT_ERR_BADMAGIC;
	int err = fdt_check_header(dtb);
	if (err)
		return err;
	int node = fdt_node_offset_by_compatible(dtb, -1, compatible);
	if (node < 0)
		return node;
	int parent = fdt_parent_offset(dtb, node);
	if (parent < 0)
		return parent;
	int ac = fdt_address_cells(dtb, parent);
	int sc = fdt_size_cells(dtb, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADNCELLS;

	int len;
	const fdt32_t *reg = fdt_getprop(dtb, node, "reg", &len);
	if (reg == NULL)
		return len;
	if (len < (ac + sc) * (int)sizeof(fdt32_t))
		return -FDT_ERR_BADVALUE;
	*base = read_cells(reg, ac);
	*size = read_cells(reg + ac, sc);
	return 0;
}

const char *guest_fdt_bootargs(const void *dtb)
{
	if (dtb == NULL || fdt_check_header(dtb) != 0)
		return "";
	int chosen = fdt_path_offset(dtb, "/chosen");
	if (chosen < 0)
		return "";
	int len;
	const char *args = fdt_getprop(dtb, chosen, "bootargs", &len);
	if (args == NULL || len <= 0 || args[len - 1] != '\0')
		return "";
	return args;
}
