/* guest_dtb.c: writes a guest's device tree (QEMU virt layout: chosen, memory, cpus, soc/serial, flash)
 * with libfdt's sequential-write API; portable, no allocation. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "loader/guest_dtb.h"

#define NAME_LEN 40   /* "/soc/serial@" + 16 hex digits + NUL fits */

static void guest_dtb_errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void guest_dtb_errf(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* ---- the riscv,isa filter ---- */

/* Output that counts every byte but stores only what fits (keeping room for the NUL). */
struct isa_out {
	char *buf;
	size_t cap, len;
};

static void isa_put(struct isa_out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, o->len++)
		if (o->len + 1 < o->cap)
			o->buf[o->len] = s[i];
}

/* Writes host_isa without H into out (NUL-terminated when cap > 0); returns the full filtered length. */
static size_t isa_filter(const char *in, char *out, size_t cap)
{
	struct isa_out o = { out, cap, 0 };
	size_t i = 0;
	if (!strncmp(in, "rv64", 4) || !strncmp(in, "rv32", 4)) {
		isa_put(&o, in, 4);
		i = 4;
	}
	/* Single letters end at the first '_', or at 'z'/'x' (a multi-letter name written without '_'). */
	for (; in[i] && in[i] != '_' && in[i] != 'z' && in[i] != 'x'; i++)
		if (in[i] != 'h')
			isa_put(&o, &in[i], 1);
	/* Multi-letter names, each with its leading '_' (except one glued to the letters); drop "h...". */
	while (in[i]) {
		size_t start = in[i] == '_' ? i + 1 : i;
		size_t end = start + strcspn(in + start, "_");
		if (in[start] != 'h')
			isa_put(&o, in + i, end - i);
		i = end;
	}
	if (cap)
		out[o.len < cap ? o.len : cap - 1] = 0;
	return o.len;
}

int guest_dtb_isa(const char *host_isa, char *out, size_t outlen)
{
	if (!host_isa || !out)
		return HV_EINVAL;
	if (isa_filter(host_isa, out, outlen) < outlen)
		return HV_OK;
	if (outlen)
		out[0] = 0;
	return HV_ERANGE;
}

/* ---- sequential writes with a sticky error: after the first failure every call does nothing ---- */

struct guest_dtb {
	void *fdt;
	int err;   /* first libfdt error (negative FDT_ERR_*), or 0 */
	const struct guest_dtb_params *p;
	const struct guest_dtb_device *irqchip;   /* the VM's interrupt controller, or NULL */
};

static void dtb_begin_node(struct guest_dtb *d, const char *name)
{
	if (!d->err)
		d->err = fdt_begin_node(d->fdt, name);
}

static void dtb_end_node(struct guest_dtb *d)
{
	if (!d->err)
		d->err = fdt_end_node(d->fdt);
}

static void dtb_put_string(struct guest_dtb *d, const char *name, const char *value)
{
	if (!d->err)
		d->err = fdt_property_string(d->fdt, name, value);
}

static void dtb_put_u32(struct guest_dtb *d, const char *name, uint32_t value)
{
	if (!d->err)
		d->err = fdt_property_u32(d->fdt, name, value);
}

static void dtb_put_u64(struct guest_dtb *d, const char *name, uint64_t value)
{
	if (!d->err)
		d->err = fdt_property_u64(d->fdt, name, value);
}

static void dtb_put_empty(struct guest_dtb *d, const char *name)
{
	void *unused;
	if (!d->err)
		d->err = fdt_property_placeholder(d->fdt, name, 0, &unused);
}

/* reg = <base size> with two address cells and two size cells. */
static void dtb_put_reg(struct guest_dtb *d, uint64_t base, uint64_t size)
{
	fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };
	if (!d->err)
		d->err = fdt_property(d->fdt, "reg", reg, sizeof(reg));
}

/* riscv,isa, filtered straight into the tree: no length limit and no stack buffer. */
static void dtb_put_isa(struct guest_dtb *d, const char *host_isa)
{
	size_t len = isa_filter(host_isa, NULL, 0) + 1;
	void *value;
	if (!d->err)
		d->err = fdt_property_placeholder(d->fdt, "riscv,isa", (int)len, &value);
	if (!d->err)
		isa_filter(host_isa, value, len);
}

static void node_name(char *name, const char *prefix, uint64_t base)
{
	snprintf(name, NAME_LEN, "%s@%llx", prefix, (unsigned long long)base);
}

/* ---- the nodes ---- */

static const struct guest_dtb_device *console_device(const struct guest_dtb_params *p)
{
	for (int i = 0; i < p->ndevices; i++)
		if (p->devices[i].is_console)
			return &p->devices[i];
	return NULL;
}

static void write_chosen(struct guest_dtb *d, const struct guest_dtb_params *p)
{
	const struct guest_dtb_device *console = console_device(p);
	dtb_begin_node(d, "chosen");
	if (p->bootargs && p->bootargs[0])
		dtb_put_string(d, "bootargs", p->bootargs);
	if (console) {
		char path[NAME_LEN + 8], name[NAME_LEN];
		node_name(name, console->node, console->base);
		snprintf(path, sizeof(path), "%s/%s", console->on_soc ? "/soc" : "", name);
		dtb_put_string(d, "stdout-path", path);
	}
	if (p->initrd_start || p->initrd_end) {
		dtb_put_u64(d, "linux,initrd-start", p->initrd_start);
		dtb_put_u64(d, "linux,initrd-end", p->initrd_end);
	}
	dtb_end_node(d);
}

static void write_memory(struct guest_dtb *d, const struct guest_dtb_params *p)
{
	char name[NAME_LEN];
	node_name(name, "memory", p->ram_base);
	dtb_begin_node(d, name);
	dtb_put_string(d, "device_type", "memory");
	dtb_put_reg(d, p->ram_base, p->ram_size);
	dtb_end_node(d);
}

/* cpu@N with its local interrupt controller (phandle N + 1). */
static void write_cpu(struct guest_dtb *d, const struct guest_dtb_params *p, int n)
{
	char name[NAME_LEN];
	snprintf(name, sizeof(name), "cpu@%x", n);
	dtb_begin_node(d, name);
	dtb_put_string(d, "device_type", "cpu");
	dtb_put_u32(d, "reg", (uint32_t)n);
	dtb_put_string(d, "status", "okay");
	dtb_put_string(d, "compatible", "riscv");
	dtb_put_isa(d, p->isa);
	dtb_put_string(d, "mmu-type", "riscv,sv39");
	dtb_begin_node(d, "interrupt-controller");
	dtb_put_string(d, "compatible", "riscv,cpu-intc");
	dtb_put_u32(d, "#interrupt-cells", 1);
	dtb_put_empty(d, "interrupt-controller");
	dtb_put_u32(d, "phandle", (uint32_t)n + 1);
	dtb_end_node(d);
	dtb_end_node(d);
}

static void write_cpus(struct guest_dtb *d, const struct guest_dtb_params *p)
{
	dtb_begin_node(d, "cpus");
	dtb_put_u32(d, "#address-cells", 1);
	dtb_put_u32(d, "#size-cells", 0);
	dtb_put_u32(d, "timebase-frequency", p->timebase);
	for (int n = 0; n < p->nvcpus; n++)
		write_cpu(d, p, n);
	dtb_end_node(d);
}

/* ---- what device writers use ---- */

void guest_dtb_put_string(struct guest_dtb *d, const char *name, const char *value)
{
	dtb_put_string(d, name, value);
}

void guest_dtb_put_u32(struct guest_dtb *d, const char *name, uint32_t value)
{
	dtb_put_u32(d, name, value);
}

void guest_dtb_put_empty(struct guest_dtb *d, const char *name)
{
	dtb_put_empty(d, name);
}

void guest_dtb_put_vcpu_contexts(struct guest_dtb *d, uint32_t code)
{
	fdt32_t ext[2 * GUEST_DTB_MAX_VCPUS];
	for (int n = 0; n < d->p->nvcpus; n++) {
		ext[2 * n] = cpu_to_fdt32((uint32_t)n + 1);   /* cpu@N's interrupt controller */
		ext[2 * n + 1] = cpu_to_fdt32(code);
	}
	if (!d->err)
		d->err = fdt_property(d->fdt, "interrupts-extended", ext, (int)(2 * d->p->nvcpus * sizeof(fdt32_t)));
}

/* ---- device nodes ---- */

static void write_device(struct guest_dtb *d, const struct guest_dtb_device *dev)
{
	char name[NAME_LEN];
	node_name(name, dev->node, dev->base);
	dtb_begin_node(d, name);
	if (dev->write)
		dev->write(d, dev);
	dtb_put_reg(d, dev->base, dev->size);
	if (dev->is_irqchip)
		dtb_put_u32(d, "phandle", GUEST_DTB_IRQCHIP_PHANDLE);
	if (dev->has_irq && d->irqchip) {
		dtb_put_u32(d, "interrupts", dev->irq);
		dtb_put_u32(d, "interrupt-parent", GUEST_DTB_IRQCHIP_PHANDLE);
	}
	dtb_end_node(d);
}

/* The devices of /soc (or of the root), in the order given. */
static void write_devices(struct guest_dtb *d, const struct guest_dtb_params *p, bool on_soc)
{
	for (int i = 0; i < p->ndevices; i++)
		if (p->devices[i].on_soc == on_soc)
			write_device(d, &p->devices[i]);
}

static void write_soc(struct guest_dtb *d, const struct guest_dtb_params *p)
{
	dtb_begin_node(d, "soc");
	dtb_put_u32(d, "#address-cells", 2);
	dtb_put_u32(d, "#size-cells", 2);
	dtb_put_string(d, "compatible", "simple-bus");
	dtb_put_empty(d, "ranges");
	write_devices(d, p, true);
	dtb_end_node(d);
}

static void write_tree(struct guest_dtb *d, const struct guest_dtb_params *p)
{
	dtb_begin_node(d, "");
	dtb_put_u32(d, "#address-cells", 2);
	dtb_put_u32(d, "#size-cells", 2);
	dtb_put_string(d, "compatible", "riscv-virtio");
	dtb_put_string(d, "model", "hartvisor,vm");
	write_chosen(d, p);
	write_memory(d, p);
	write_cpus(d, p);
	write_soc(d, p);
	write_devices(d, p, false);
	dtb_end_node(d);
}

/* ---- parameter checks ---- */

/* [base, base + size) must be non-empty and must not wrap past 2^64. */
static int check_range(const char *what, uint64_t base, uint64_t size, char *err, size_t errlen)
{
	if (size == 0) {
		guest_dtb_errf(err, errlen, "guest DTB: %s at 0x%llx has size 0", what, (unsigned long long)base);
		return HV_EINVAL;
	}
	if (size - 1 > UINT64_MAX - base) {
		guest_dtb_errf(err, errlen, "guest DTB: %s 0x%llx+0x%llx wraps past the top of the address space",
			       what, (unsigned long long)base, (unsigned long long)size);
		return HV_ERANGE;
	}
	return HV_OK;
}

static int check_initrd(const struct guest_dtb_params *p, char *err, size_t errlen)
{
	if (!p->initrd_start && !p->initrd_end)
		return HV_OK;
	if (p->initrd_start >= p->initrd_end) {
		guest_dtb_errf(err, errlen, "guest DTB: initrd start 0x%llx is not below its end 0x%llx",
			       (unsigned long long)p->initrd_start, (unsigned long long)p->initrd_end);
		return HV_EINVAL;
	}
	if (p->initrd_start < p->ram_base || p->initrd_end - p->ram_base > p->ram_size) {
		guest_dtb_errf(err, errlen, "guest DTB: initrd 0x%llx-0x%llx is outside RAM 0x%llx+0x%llx",
			       (unsigned long long)p->initrd_start, (unsigned long long)p->initrd_end,
			       (unsigned long long)p->ram_base, (unsigned long long)p->ram_size);
		return HV_ERANGE;
	}
	return HV_OK;
}

static const struct guest_dtb_device *find_irqchip(const struct guest_dtb_params *p)
{
	for (int i = 0; p->devices && i < p->ndevices; i++)
		if (p->devices[i].is_irqchip)
			return &p->devices[i];
	return NULL;
}

/* Its range, and its line when there is an interrupt controller to take it. */
static int check_device(const struct guest_dtb_device *dev, const struct guest_dtb_device *irqchip, char *err,
			size_t errlen)
{
	if (!dev->node || !dev->label) {
		guest_dtb_errf(err, errlen, "guest DTB: a device without a node name");
		return HV_EINVAL;
	}
	int ret = check_range(dev->label, dev->base, dev->size, err, errlen);
	if (!ret && dev->has_irq && irqchip && (dev->irq == 0 || dev->irq > irqchip->irq_sources)) {
		guest_dtb_errf(err, errlen, "guest DTB: %s interrupt %u is not a %s source (1..%u)", dev->label,
			       dev->irq, irqchip->label, irqchip->irq_sources);
		ret = HV_EINVAL;
	}
	return ret;
}

static int check_params(const struct guest_dtb_params *p, char *err, size_t errlen)
{
	if (p->nvcpus < 1 || p->nvcpus > GUEST_DTB_MAX_VCPUS) {
		guest_dtb_errf(err, errlen, "guest DTB: %d vCPUs (allowed 1..%d)", p->nvcpus, GUEST_DTB_MAX_VCPUS);
		return HV_EINVAL;
	}
	if (!p->isa || !p->isa[0]) {
		guest_dtb_errf(err, errlen, "guest DTB: no riscv,isa string");
		return HV_EINVAL;
	}
	int ret = check_range("RAM", p->ram_base, p->ram_size, err, errlen);
	if (!ret)
		ret = check_initrd(p, err, errlen);
	if (!ret && p->ndevices && !p->devices) {
		guest_dtb_errf(err, errlen, "guest DTB: %d devices but no list of them", p->ndevices);
		ret = HV_EINVAL;
	}
	const struct guest_dtb_device *irqchip = find_irqchip(p);
	for (int i = 0; !ret && i < p->ndevices; i++)
		ret = check_device(&p->devices[i], irqchip, err, errlen);
	return ret;
}

int guest_dtb_build(const struct guest_dtb_params *p, void *buf, size_t buflen, char *err, size_t errlen)
{
	if (!p || !buf) {
		guest_dtb_errf(err, errlen, "guest DTB: no parameters or no buffer");
		return HV_EINVAL;
	}
	int ret = check_params(p, err, errlen);
	if (ret)
		return ret;
	struct guest_dtb d = { buf, 0, p, find_irqchip(p) };
	d.err = fdt_create(buf, buflen > INT_MAX ? INT_MAX : (int)buflen);
	if (!d.err)
		d.err = fdt_finish_reservemap(buf);
	write_tree(&d, p);
	if (!d.err)
		d.err = fdt_finish(buf);
	if (d.err == -FDT_ERR_NOSPACE) {
		guest_dtb_errf(err, errlen, "guest DTB: does not fit in %lu bytes", (unsigned long)buflen);
		return HV_ERANGE;
	}
	if (d.err) {
		guest_dtb_errf(err, errlen, "guest DTB: libfdt: %s", fdt_strerror(d.err));
		return HV_EINVAL;
	}
	return (int)fdt_totalsize(buf);
}
