/* fdt.h: the few device-tree lookups guests make (libfdt underneath): the first reg entry of a
 * device found by its compatible string, and the kernel command line in /chosen. */
#ifndef GUEST_LIB_FDT_H
#define GUEST_LIB_FDT_H
#include <stdint.h>

/* The first node compatible with `compatible`: its first reg entry, read with the parent's
 * #address-cells and #size-cells. 0 on success; a negative libfdt error when the tree is bad,
 * the node is absent, or its reg is missing or malformed. */
int guest_fdt_find_reg(const void *dtb, const char *compatible, uint64_t *base, uint64_t *size);

/* /chosen's bootargs, or "" when the tree, the node or the property is absent. */
const char *guest_fdt_bootargs(const void *dtb);

#endif
