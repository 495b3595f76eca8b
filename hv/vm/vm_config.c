/* vm_config.c: reads a VM description (configs/<name>.dts as a DTB) into struct vm_config; portable. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "vm/device.h"
#include "vm/vm_config.h"
#include "base/err.h"
#include "riscv/insn.h"
#include "trace/trace.h"

#define ROOT_COMPATIBLE "hartvisor,vm-description"
#define VM_COMPATIBLE   "hartvisor,vm"
#define CSR_NODE        "csr-emulate"
#define PAGE_MASK       (PAGE_SIZE - 1)
#define LINE_LEN        256   /* one error line */

struct vmcfg_ctx {
	const void *fdt;
	const char *file;
	char *err;                  /* the line cfg_fail writes, LINE_LEN bytes */
	size_t errlen;
	vmcfg_report_fn report;
	void *arg;
};

/* ---- errors: one line "file: /node/path: property 'p' message" ---- */

static void err_one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

int vmcfg_fail(const struct vmcfg_ctx *c, int code, int node, const char *prop, const char *fmt, ...)
{
	char path[VMCFG_PATH_LEN];
	if (!c->err || !c->errlen)
		return code;
	if (node < 0 || fdt_get_path(c->fdt, node, path, sizeof(path)) < 0)
		strcpy(path, node < 0 ? "/" : "?");
	int n = prop ? snprintf(c->err, c->errlen, "%s: %s: property '%s' ", c->file, path, prop)
		     : snprintf(c->err, c->errlen, "%s: %s: ", c->file, path);
	if (n >= 0 && (size_t)n < c->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	err_one_line(c->err);
	return code;
}

/* Hands the line cfg_fail wrote to the caller. */
static int cfg_report(const struct vmcfg_ctx *c, int code)
{
	if (c->report)
		c->report(c->arg, c->err);
	return code;
}

/* ---- typed property readers: 1 = present, 0 = absent, < 0 = error (reported) ---- */

int vmcfg_prop_string(const struct vmcfg_ctx *c, int node, const char *name, char *dst, size_t dstlen)
{
	int len;
	const char *p = fdt_getprop(c->fdt, node, name, &len);
	if (!p)
		return 0;
	if (len < 1 || p[len - 1] || strlen(p) != (size_t)len - 1)
		return vmcfg_fail(c, HV_EINVAL, node, name, "must be a string");
	if ((size_t)len > dstlen)
		return vmcfg_fail(c, HV_ERANGE, node, name, "is longer than %d characters", (int)dstlen - 1);
	memcpy(dst, p, (size_t)len);
	return 1;
}

static int prop_required_string(const struct vmcfg_ctx *c, int node, const char *name, char *dst, size_t dstlen)
{
	int r = vmcfg_prop_string(c, node, name, dst, dstlen);
	if (r == 0)
		return vmcfg_fail(c, HV_ENOENT, node, name, "is missing (a string is required)");
	if (r > 0 && !dst[0])
		return vmcfg_fail(c, HV_EINVAL, node, name, "must not be empty");
	return r;
}

static uint64_t cells_value(const fdt32_t *p, int cells)
{
	uint64_t v = 0;
	for (int i = 0; i < cells; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

int vmcfg_prop_u32(const struct vmcfg_ctx *c, int node, const char *name, uint32_t *val)
{
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, name, &len);
	if (!p)
		return 0;
	if (len != 4)
		return vmcfg_fail(c, HV_EINVAL, node, name, "must be 1 cell (32-bit)");
	*val = fdt32_to_cpu(p[0]);
	return 1;
}

int vmcfg_prop_u64(const struct vmcfg_ctx *c, int node, const char *name, uint64_t *val)
{
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, name, &len);
	if (!p)
		return 0;
	if (len != 8)
		return vmcfg_fail(c, HV_EINVAL, node, name, "must be 2 cells (64-bit)");
	*val = cells_value(p, 2);
	return 1;
}

static bool in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

/* Rejects properties a node does not know (in neither list; more may be NULL): a misspelt
 * optional property would otherwise be ignored. */
static int check_known_props(const struct vmcfg_ctx *c, int node, const char *const *known,
			     const char *const *more)
{
	int off;
	fdt_for_each_property_offset(off, c->fdt, node) {
		const char *name;
		if (!fdt_getprop_by_offset(c->fdt, off, &name, NULL) || !name)
			return vmcfg_fail(c, HV_ECORRUPT, node, NULL, "unreadable property");
		if (!in_list(known, name) && !in_list(more, name))
			return vmcfg_fail(c, HV_EINVAL, node, name, "is not known here");
	}
	return HV_OK;
}

/* ---- address ranges ---- */

static int gpa_bits(int gstage_levels)
{
	return 12 + 9 * gstage_levels + 2;   /* Sv39x4: 41, Sv48x4: 50 */
}

/* A range [base, base+size) that is non-empty, does not wrap and fits the G-stage address space. */
static int check_range(const struct vmcfg_ctx *c, int node, const char *prop, uint64_t base, uint64_t size,
		       int gstage_levels)
{
	if (!size)
		return vmcfg_fail(c, HV_ERANGE, node, prop, "size must not be zero");
	if (base & PAGE_MASK)
		return vmcfg_fail(c, HV_ERANGE, node, prop, "base must be page-aligned (4 KiB)");
	if (base + (size - 1) < base)
		return vmcfg_fail(c, HV_ERANGE, node, prop, "wraps around the address space");
	if ((base + (size - 1)) >> gpa_bits(gstage_levels))
		return vmcfg_fail(c, HV_ERANGE, node, prop, "lies beyond the %d-bit guest-physical space of %s",
				gpa_bits(gstage_levels), gstage_levels == 4 ? "sv48x4" : "sv39x4");
	return HV_OK;
}

/* Last byte of the last page a range touches (a device owns whole pages). */
static uint64_t range_last_page_byte(uint64_t base, uint64_t size)
{
	return (base + (size - 1)) | PAGE_MASK;
}

static bool ranges_overlap(uint64_t b1, uint64_t s1, uint64_t b2, uint64_t s2)
{
	return b1 <= range_last_page_byte(b2, s2) && b2 <= range_last_page_byte(b1, s1);
}

/* ---- the vm node's own properties ---- */

static int parse_name(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	/* dtc insists that a "name" property repeat the node's name, hence "vm-name"; a plain "name"
	 * is still accepted from descriptions built without dtc. */
	const char *prop = !fdt_getprop(c->fdt, node, "vm-name", NULL) && fdt_getprop(c->fdt, node, "name", NULL)
			   ? "name" : "vm-name";
	return prop_required_string(c, node, prop, vm->name, sizeof(vm->name));
}

static int parse_memory(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "memory", &len);
	if (!p)
		return vmcfg_fail(c, HV_ENOENT, node, "memory", "is missing (base and size are required)");
	if (len != 16)
		return vmcfg_fail(c, HV_EINVAL, node, "memory", "must be 4 cells (base and size, 64-bit each)");
	vm->ram_base = cells_value(p, 2);
	vm->ram_size = cells_value(p + 2, 2);
	if (vm->ram_size & PAGE_MASK)
		return vmcfg_fail(c, HV_ERANGE, node, "memory", "size must be page-aligned (4 KiB)");
	return check_range(c, node, "memory", vm->ram_base, vm->ram_size, vm->gstage_levels);
}

static int parse_kernel(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	int r = prop_required_string(c, node, "kernel", vm->kernel, sizeof(vm->kernel));
	if (r < 0)
		return r;
	r = vmcfg_prop_u64(c, node, "kernel-address", &vm->kernel_addr);
	if (r < 0)
		return r;
	if (r > 0 && (vm->kernel_addr < vm->ram_base || vm->kernel_addr - vm->ram_base >= vm->ram_size))
		return vmcfg_fail(c, HV_ERANGE, node, "kernel-address", "must lie inside 'memory'");
	r = vmcfg_prop_u64(c, node, "entry", &vm->entry);
	if (r == 0)
		vm->entry = vm->kernel_addr;
	return r < 0 ? r : HV_OK;
}

static int parse_boot_strings(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	int r = vmcfg_prop_string(c, node, "initrd", vm->initrd, sizeof(vm->initrd));
	if (r >= 0)
		r = vmcfg_prop_string(c, node, "bootargs", vm->bootargs, sizeof(vm->bootargs));
	return r < 0 ? r : HV_OK;
}

static int parse_vcpus(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	uint32_t n = 1;
	int r = vmcfg_prop_u32(c, node, "vcpus", &n);
	if (r < 0)
		return r;
	if (n < 1 || n > VM_MAX_VCPUS)
		return vmcfg_fail(c, HV_ERANGE, node, "vcpus", "must be 1..%d", VM_MAX_VCPUS);
	vm->nvcpus = (int)n;
	return HV_OK;
}

static int parse_trace(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	char s[16];
	int r = vmcfg_prop_string(c, node, "trace", s, sizeof(s));
	vm->trace_level = -1;
	if (r <= 0)
		return r;
	vm->trace_level = trace_level_parse(s);
	if (vm->trace_level < 0)
		return vmcfg_fail(c, HV_EINVAL, node, "trace", "must be one of off, summary, exits, full, dump");
	return HV_OK;
}

/* watchdog-ms: how long a vCPU may run without an exit of its own and with interrupts masked
 * before the VM is stopped; absent = no watchdog. */
static int parse_watchdog(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	int r = vmcfg_prop_u32(c, node, "watchdog-ms", &vm->watchdog_ms);
	if (r > 0 && (vm->watchdog_ms < 1 || vm->watchdog_ms > VMCFG_WATCHDOG_MAX_MS))
		return vmcfg_fail(c, HV_ERANGE, node, "watchdog-ms", "must be 1..%d (leave it out for no watchdog)",
				VMCFG_WATCHDOG_MAX_MS);
	return r < 0 ? r : HV_OK;
}

static int parse_gstage(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	char s[16];
	int r = vmcfg_prop_string(c, node, "gstage", s, sizeof(s));
	vm->gstage_levels = 3;
	if (r <= 0 || !strcmp(s, "sv39x4"))
		return r < 0 ? r : HV_OK;
	if (!strcmp(s, "sv48x4")) {
		vm->gstage_levels = 4;
		return HV_OK;
	}
	return vmcfg_fail(c, HV_EINVAL, node, "gstage", "must be sv39x4 or sv48x4");
}

/* ---- csr-emulate { <csr name> = <64-bit value>; ... } ---- */

static int csr_by_name(const char *name)
{
	for (int csr = 0; csr < 4096; csr++) {
		const char *n = insn_csr_name((uint16_t)csr);
		if (n && !strcmp(n, name))
			return csr;
	}
	return -1;
}

static int parse_csr(const struct vmcfg_ctx *c, int node, int off, struct vm_config *vm)
{
	const char *name;
	int len;
	const fdt32_t *p = fdt_getprop_by_offset(c->fdt, off, &name, &len);
	if (!p || !name)
		return vmcfg_fail(c, HV_ECORRUPT, node, NULL, "unreadable property");
	int csr = csr_by_name(name);
	if (csr < 0)
		return vmcfg_fail(c, HV_EINVAL, node, name, "is not a known CSR name");
	if (len != 8)
		return vmcfg_fail(c, HV_EINVAL, node, name, "must be 2 cells (64-bit)");
	for (int i = 0; i < vm->ncsrs; i++)
		if (vm->csrs[i].csr == csr)
			return vmcfg_fail(c, HV_EEXIST, node, name, "is given twice");
	if (vm->ncsrs >= VM_MAX_CSRS)
		return vmcfg_fail(c, HV_ERANGE, node, name, "is one CSR too many (at most %d)", VM_MAX_CSRS);
	vm->csrs[vm->ncsrs].csr = (uint16_t)csr;
	vm->csrs[vm->ncsrs].value = cells_value(p, 2);
	vm->ncsrs++;
	return HV_OK;
}

static int parse_csrs(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	int off, r;
	fdt_for_each_property_offset(off, c->fdt, node) {
		r = parse_csr(c, node, off, vm);
		if (r < 0)
			return r;
	}
	return HV_OK;
}

/* ---- devices: each node's kind from the table (vm/device.h) ---- */

static const char *const common_props[] = { "compatible", "reg", "phandle", NULL };

/* The compatibles the table knows, for error lines: "a, b or c". */
static void known_kinds(char *buf, size_t len)
{
	size_t n = 0;
	buf[0] = 0;
	for (int i = 0; vdev_kinds[i] && n < len; i++) {
		const char *sep = !i ? "" : vdev_kinds[i + 1] ? ", " : " or ";
		int w = snprintf(buf + n, len - n, "%s%s", sep, vdev_kinds[i]->compatible);
		n += w > 0 ? (size_t)w : 0;
	}
}

static const struct vdev_kind *device_kind(const struct vmcfg_ctx *c, int node)
{
	char kinds[160];
	known_kinds(kinds, sizeof(kinds));
	if (!fdt_getprop(c->fdt, node, "compatible", NULL)) {
		vmcfg_fail(c, HV_EINVAL, node, "compatible", "is missing (%s)", kinds);
		return NULL;
	}
	for (int i = 0; vdev_kinds[i]; i++)
		if (fdt_node_check_compatible(c->fdt, node, vdev_kinds[i]->compatible) == 0)
			return vdev_kinds[i];
	vmcfg_fail(c, HV_EINVAL, node, "compatible", "names no known device (%s)", kinds);
	return NULL;
}

/* A kind that allows one per VM refuses a second one. */
static int check_device_count(const struct vmcfg_ctx *c, int node, const struct vm_config *vm,
			      const struct vdev_kind *kind)
{
	int n = 0;
	for (int i = 0; i < vm->ndevices; i++)
		n += vm->devices[i].kind == kind;
	if (kind->max_per_vm && n >= kind->max_per_vm)
		return vmcfg_fail(c, HV_EEXIST, node, NULL, "a second %s device: at most %d per vm",
				  kind->compatible, kind->max_per_vm);
	return HV_OK;
}

/* reg: one (base, size) pair in the vm node's #address-cells and #size-cells. */
static int parse_reg(const struct vmcfg_ctx *c, int vm_node, int node, struct vmcfg_device *dev)
{
	int ac = fdt_address_cells(c->fdt, vm_node), sc = fdt_size_cells(c->fdt, vm_node);
	if (ac < 1 || ac > 2)
		return vmcfg_fail(c, HV_EINVAL, vm_node, "#address-cells", "must be 1 or 2");
	if (sc < 1 || sc > 2)
		return vmcfg_fail(c, HV_EINVAL, vm_node, "#size-cells", "must be 1 or 2");
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "reg", &len);
	if (!p)
		return vmcfg_fail(c, HV_ENOENT, node, "reg", "is missing (base and size are required)");
	if (len != (ac + sc) * 4)
		return vmcfg_fail(c, HV_EINVAL, node, "reg", "must be %d cells (one base and size, as #address-cells "
				"and #size-cells of the vm node say)", ac + sc);
	dev->base = cells_value(p, ac);
	dev->size = cells_value(p + ac, sc);
	return HV_OK;
}

/* The device must not share a page with RAM nor with a device parsed before it; the line gives
 * both ranges so that the user sees which addresses to move. */
static int check_device_overlap(const struct vmcfg_ctx *c, int node, const struct vm_config *vm,
				const struct vmcfg_device *dev)
{
	unsigned long long lo = dev->base, hi = dev->base + (dev->size - 1);
	if (ranges_overlap(dev->base, dev->size, vm->ram_base, vm->ram_size)) {
		unsigned long long ram_hi = vm->ram_base + (vm->ram_size - 1);
		bool inside = lo >= vm->ram_base && hi <= ram_hi;
		return vmcfg_fail(c, HV_EEXIST, node, "reg", "0x%llx..0x%llx %s the vm's 'memory' 0x%llx..0x%llx", lo, hi,
				inside ? "lies inside" : "overlaps", (unsigned long long)vm->ram_base, ram_hi);
	}
	for (int i = 0; i < vm->ndevices; i++) {
		const struct vmcfg_device *d = &vm->devices[i];
		if (ranges_overlap(dev->base, dev->size, d->base, d->size))
			return vmcfg_fail(c, HV_EEXIST, node, "reg", "0x%llx..0x%llx overlaps device %s at 0x%llx..0x%llx",
					lo, hi, d->name, (unsigned long long)d->base,
					(unsigned long long)(d->base + (d->size - 1)));
	}
	return HV_OK;
}

static int parse_device(const struct vmcfg_ctx *c, int vm_node, int node, struct vm_config *vm)
{
	const struct vdev_kind *kind = device_kind(c, node);
	if (!kind)
		return HV_EINVAL;
	if (vm->ndevices >= VMCFG_MAX_DEVICES)
		return vmcfg_fail(c, HV_ERANGE, node, NULL, "one device too many (at most %d per vm)", VMCFG_MAX_DEVICES);
	struct vmcfg_device *dev = &vm->devices[vm->ndevices];
	memset(dev, 0, sizeof(*dev));
	dev->kind = kind;
	const char *name = fdt_get_name(c->fdt, node, NULL);
	if (!name || strlen(name) >= sizeof(dev->name))
		return vmcfg_fail(c, HV_ERANGE, node, NULL, "node name longer than %d characters",
				(int)sizeof(dev->name) - 1);
	strcpy(dev->name, name);
	int r = check_known_props(c, node, common_props, kind->props);
	if (r >= 0)
		r = check_device_count(c, node, vm, kind);
	if (r >= 0)
		r = parse_reg(c, vm_node, node, dev);
	if (r >= 0)
		r = check_range(c, node, "reg", dev->base, dev->size, vm->gstage_levels);
	if (r >= 0 && kind->parse)
		r = kind->parse(c, node, dev);
	if (r >= 0)
		r = check_device_overlap(c, node, vm, dev);
	if (r < 0)
		return r;
	vm->ndevices++;
	return HV_OK;
}

static int parse_children(const struct vmcfg_ctx *c, int vm_node, struct vm_config *vm)
{
	int node, r;
	fdt_for_each_subnode(node, c->fdt, vm_node) {
		const char *name = fdt_get_name(c->fdt, node, NULL);
		if (name && !strcmp(name, CSR_NODE))
			r = parse_csrs(c, node, vm);
		else
			r = parse_device(c, vm_node, node, vm);
		if (r < 0)
			return r;
	}
	if (node != -FDT_ERR_NOTFOUND)
		return vmcfg_fail(c, HV_ECORRUPT, vm_node, NULL, "malformed subnodes (%s)", fdt_strerror(node));
	return HV_OK;
}

/* ---- a vm node ---- */

static const char *const vm_props[] = {
	"compatible", "#address-cells", "#size-cells", "vm-name", "name", "memory", "kernel",
	"kernel-address", "entry", "initrd", "bootargs", "vcpus", "trace", "gstage", "watchdog-ms", "phandle", NULL,
};

static int parse_vm(const struct vmcfg_ctx *c, int node, struct vm_config *vm)
{
	memset(vm, 0, sizeof(*vm));
	int r = check_known_props(c, node, vm_props, NULL);
	if (r >= 0)
		r = parse_name(c, node, vm);
	if (r >= 0)
		r = parse_gstage(c, node, vm);   /* before the ranges, which must fit its address space */
	if (r >= 0)
		r = parse_memory(c, node, vm);
	if (r >= 0)
		r = parse_kernel(c, node, vm);
	if (r >= 0)
		r = parse_boot_strings(c, node, vm);
	if (r >= 0)
		r = parse_vcpus(c, node, vm);
	if (r >= 0)
		r = parse_trace(c, node, vm);
	if (r >= 0)
		r = parse_watchdog(c, node, vm);
	if (r >= 0)
		r = parse_children(c, node, vm);
	return r < 0 ? r : HV_OK;
}

static int check_unique_name(const struct vmcfg_ctx *c, int node, const struct vm_config *out, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(out[i].name, out[n].name))
			return vmcfg_fail(c, HV_EEXIST, node, "vm-name", "repeats the name of an earlier vm");
	return HV_OK;
}

/* ---- the description ---- */

/* libfdt before 1.7.0 loops forever on a property whose length steps its offset backwards (upstream
 * "libfdt: prevent integer overflow in fdt_next_tag"); the host tests link Debian 12's 1.6.1. So every
 * tag of the structure block must end inside it before libfdt walks the tree. */
static bool struct_block_bounded(const void *dtb)
{
	const uint8_t *s = (const uint8_t *)dtb + fdt_off_dt_struct(dtb);
	uint32_t size = fdt_size_dt_struct(dtb);
	uint32_t off = 0;
	while (off <= size && size - off >= FDT_TAGSIZE) {
		uint32_t tag = fdt32_ld((const fdt32_t *)(s + off));
		off += FDT_TAGSIZE;
		if (tag == FDT_END)
			return true;
		if (tag == FDT_PROP) {
			if (size - off < 8 || fdt32_ld((const fdt32_t *)(s + off)) > size - off - 8)
				return false;
			off += 8 + fdt32_ld((const fdt32_t *)(s + off));
		} else if (tag == FDT_BEGIN_NODE) {
			const uint8_t *nul = memchr(s + off, 0, size - off);
			if (!nul)
				return false;
			off = (uint32_t)(nul - s) + 1;
		} else if (tag != FDT_END_NODE && tag != FDT_NOP) {
			return false;
		}
		off = (uint32_t)ALIGN_UP((uint64_t)off, FDT_TAGSIZE);
	}
	return false;
}

static int check_blob(const struct vmcfg_ctx *c, const void *dtb, size_t size)
{
	if (!dtb || size < sizeof(struct fdt_header))
		return vmcfg_fail(c, HV_ECORRUPT, -1, NULL, "not a device tree (too short)");
	int r = fdt_check_header(dtb);
	if (r)
		return vmcfg_fail(c, HV_ECORRUPT, -1, NULL, "not a valid device tree (%s)", fdt_strerror(r));
	if (fdt_totalsize(dtb) > size)
		return vmcfg_fail(c, HV_ECORRUPT, -1, NULL, "device tree truncated (header says %u bytes, have %u)",
				(unsigned)fdt_totalsize(dtb), (unsigned)(size > 0xffffffffu ? 0xffffffffu : size));
	/* dtc writes version 17; libfdt's checks of older layouts (no structure-block size, full
	 * paths as names) have crashed on fuzzed input, so they are refused rather than trusted */
	if (fdt_version(dtb) < 17)
		return vmcfg_fail(c, HV_ECORRUPT, -1, NULL, "device tree version %u; a VM description must be "
				"version 17 or later (compile it with dtc)", (unsigned)fdt_version(dtb));
	if (!struct_block_bounded(dtb))
		return vmcfg_fail(c, HV_ECORRUPT, -1, NULL, "malformed device tree (a tag runs past the structure block)");
	r = fdt_check_full(dtb, size);
	if (r)
		return vmcfg_fail(c, HV_ECORRUPT, -1, NULL, "malformed device tree (%s)", fdt_strerror(r));
	return HV_OK;
}

static int check_root(const struct vmcfg_ctx *c)
{
	int r = fdt_node_check_compatible(c->fdt, 0, ROOT_COMPATIBLE);
	if (r == 0)
		return HV_OK;
	return vmcfg_fail(c, HV_EINVAL, 0, "compatible", "must be \"" ROOT_COMPATIBLE "\"%s",
			r == -FDT_ERR_NOTFOUND ? " (it is missing)" : "");
}

/* One child of the root: a vm node that parses into out[n], or an error (reported by the caller). */
static int parse_vm_node(const struct vmcfg_ctx *c, int node, struct vm_config *out, int n, int max)
{
	if (!fdt_getprop(c->fdt, node, "compatible", NULL))
		return vmcfg_fail(c, HV_EINVAL, node, "compatible", "is missing (expected \"" VM_COMPATIBLE "\")");
	if (fdt_node_check_compatible(c->fdt, node, VM_COMPATIBLE))
		return vmcfg_fail(c, HV_EINVAL, node, "compatible", "must be \"" VM_COMPATIBLE "\"");
	if (n >= max)
		return vmcfg_fail(c, HV_ERANGE, node, NULL, "one vm too many (at most %d)", max);
	int r = parse_vm(c, node, &out[n]);
	return r < 0 ? r : check_unique_name(c, node, out, n);
}

/* A bad node is reported and skipped, so that one mistake does not stop the other VMs. */
static int parse_vm_nodes(const struct vmcfg_ctx *c, struct vm_config *out, int max)
{
	int node, n = 0, first_err = 0;
	fdt_for_each_subnode(node, c->fdt, 0) {
		int r = parse_vm_node(c, node, out, n, max);
		if (r < 0) {
			cfg_report(c, r);
			first_err = first_err ? first_err : r;
		} else {
			n++;
		}
	}
	if (node != -FDT_ERR_NOTFOUND) {
		cfg_report(c, vmcfg_fail(c, HV_ECORRUPT, 0, NULL, "malformed subnodes (%s)", fdt_strerror(node)));
		first_err = first_err ? first_err : HV_ECORRUPT;
	}
	if (n)
		return n;
	if (first_err)
		return first_err;
	return cfg_report(c, vmcfg_fail(c, HV_ENOENT, 0, NULL, "no vm node (compatible = \"" VM_COMPATIBLE "\")"));
}

int vm_config_parse_each(const void *dtb, size_t size, const char *file, struct vm_config *out, int max,
			 vmcfg_report_fn report, void *arg)
{
	char line[LINE_LEN];
	struct vmcfg_ctx c = { dtb, file ? file : "(description)", line, sizeof(line), report, arg };
	int r = check_blob(&c, dtb, size);
	if (r >= 0)
		r = check_root(&c);
	if (r >= 0 && (!out || max < 1))
		r = vmcfg_fail(&c, HV_EINVAL, 0, NULL, "no room for any vm");
	if (r < 0)
		return cfg_report(&c, r);
	return parse_vm_nodes(&c, out, max < VMCFG_MAX_VMS ? max : VMCFG_MAX_VMS);
}

struct first_line {
	char *buf;
	size_t len;
};

static void keep_first_line(void *arg, const char *line)
{
	struct first_line *f = arg;
	if (f->buf && f->len && !f->buf[0])
		snprintf(f->buf, f->len, "%s", line);
}

int vm_config_parse(const void *dtb, size_t size, const char *file, struct vm_config *out, int max,
		    char *err, size_t errlen)
{
	struct first_line f = { err, errlen };
	if (err && errlen)
		err[0] = 0;
	return vm_config_parse_each(dtb, size, file, out, max, keep_first_line, &f);
}
