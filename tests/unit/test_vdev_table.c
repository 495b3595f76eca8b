/* test_vdev_table.c: a device kind this test registers itself (its own vdev_kinds[] table, no real
 * kind in it) goes through the description parser, the VM builder and the guest-DTB writer, and
 * is reset and released, without any of those files knowing it.
 * unit-sources: hv/vm/vm_config.c hv/vm/vm_devices.c hv/loader/guest_dtb.c hv/vm/vm_mem.c hv/trace/trace.c hv/riscv/insn.c hv/riscv/insn_format.c hv/base/err.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>
#include "base/err.h"
#include "loader/guest_dtb.h"
#include "vm/device.h"
#include "vm/vm_config.h"
#include "vm/vm_devices.h"

/* ---- the fake kind: "test,fake": property "fake-value"; reads return it plus the offset ---- */

struct fake_props {
	uint32_t value;
};

static int created, resets, releases;

static int fake_parse(const struct vmcfg_ctx *c, int node, struct vmcfg_device *d)
{
	int r = vmcfg_prop_u32(c, node, "fake-value", &VMCFG_PROPS(d, struct fake_props)->value);
	if (r == 0)
		return vmcfg_fail(c, HV_ENOENT, node, "fake-value", "is missing");
	return r < 0 ? r : HV_OK;
}

static int fake_read(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	(void)width;
	*value = *(uint32_t *)dev->state + offset;
	return HV_OK;
}

static int fake_create(struct vm *vm, struct mmio_device *dev, const struct vmcfg_device *d)
{
	uint32_t *state = vm_device_state(vm, dev);
	*state = VMCFG_PROPS(d, const struct fake_props)->value;
	dev->state = state;
	dev->read = fake_read;
	created++;
	return HV_OK;
}

static void fake_reset(struct mmio_device *dev)
{
	(void)dev;
	resets++;
}

static void fake_release(struct mmio_device *dev)
{
	dev->state = NULL;
	releases++;
}

static void fake_dtb_write(struct guest_dtb *d, const struct guest_dtb_device *dev)
{
	guest_dtb_put_string(d, "compatible", "test,fake");
	guest_dtb_put_u32(d, "fake-value", *(const uint32_t *)dev->arg);
}

static void fake_dtb_node(const struct vmcfg_device *d, struct guest_dtb_device *out)
{
	*out = (struct guest_dtb_device){ .node = "fake", .label = "fake", .base = d->base, .size = d->size,
					  .on_soc = true, .write = fake_dtb_write,
					  .arg = &VMCFG_PROPS(d, const struct fake_props)->value };
}

static const char *const fake_props_known[] = { "fake-value", NULL };

static const struct vdev_kind fake_kind = {
	.compatible = "test,fake",
	.props = fake_props_known,
	.max_per_vm = 2,
	.parse = fake_parse,
	.create = fake_create,
	.reset = fake_reset,
	.release = fake_release,
	.dtb_node = fake_dtb_node,
};

/* The table this test registers: the parser, builder and writer find the fake kind here. */
const struct vdev_kind *const vdev_kinds[] = { &fake_kind, NULL };

/* ---- a description with fake devices, written with libfdt ---- */

static _Alignas(8) uint8_t desc[4096];

static void fake_node(uint64_t base, const uint32_t *value)
{
	char name[32];
	snprintf(name, sizeof(name), "fake@%llx", (unsigned long long)base);
	fdt_begin_node(desc, name);
	fdt_property_string(desc, "compatible", "test,fake");
	fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(0x1000) };
	fdt_property(desc, "reg", reg, sizeof(reg));
	if (value)
		fdt_property_u32(desc, "fake-value", *value);
	fdt_end_node(desc);
}

/* One vm with fake devices at 0x10000000 (+0x1000 each) with the given values (NULL: none). */
static void make_description(int n, const uint32_t *const *values)
{
	assert_int_equal(fdt_create(desc, sizeof(desc)), 0);
	fdt_finish_reservemap(desc);
	fdt_begin_node(desc, "");
	fdt_property_string(desc, "compatible", "hartvisor,vm-description");
	fdt_begin_node(desc, "vm@0");
	fdt_property_string(desc, "compatible", "hartvisor,vm");
	fdt_property_u32(desc, "#address-cells", 2);
	fdt_property_u32(desc, "#size-cells", 2);
	fdt_property_string(desc, "vm-name", "fake");
	fdt64_t mem[2] = { cpu_to_fdt64(0x80000000), cpu_to_fdt64(0x1000000) };
	fdt_property(desc, "memory", mem, sizeof(mem));
	fdt_property_string(desc, "kernel", "/sbin/k");
	for (int i = 0; i < n; i++)
		fake_node(0x10000000 + 0x1000 * (uint64_t)i, values[i]);
	fdt_end_node(desc);
	fdt_end_node(desc);
	assert_int_equal(fdt_finish(desc), 0);
}

static struct vm_config cfg;
static struct vm vm;
static char err[256];

static void test_fake_kind_parsed_created_described_released(void **state)
{
	(void)state;
	uint32_t v0 = 0x1234, v1 = 0x42;
	const uint32_t *values[] = { &v0, &v1 };
	make_description(2, values);
	assert_int_equal(vm_config_parse(desc, sizeof(desc), "fake.dtb", &cfg, 1, err, sizeof(err)), 1);
	assert_int_equal(cfg.ndevices, 2);
	assert_ptr_equal(cfg.devices[0].kind, &fake_kind);
	assert_int_equal(VMCFG_PROPS(&cfg.devices[1], struct fake_props)->value, 0x42);

	/* built: each device answers through its kind's read, its state in the VM's slot */
	memset(&vm, 0, sizeof(vm));
	vm.nvcpus = 1;
	created = resets = releases = 0;
	assert_int_equal(vm_devices_create(&vm, &cfg), HV_OK);
	assert_int_equal(created, 2);
	assert_int_equal(vm.nmmio, 2);
	struct mmio_device *dev = vm_find_mmio(&vm, 0x10001008);
	assert_non_null(dev);
	assert_string_equal(dev->name, "fake@10001000");
	assert_ptr_equal(dev->kind, &fake_kind);
	assert_ptr_equal(dev->state, vm_device_state(&vm, dev));
	uint64_t value;
	assert_int_equal(dev->read(dev, 8, 4, &value), HV_OK);
	assert_int_equal(value, 0x42 + 8);

	/* its node in the guest's device tree */
	struct guest_dtb_device nodes[VM_MAX_DEVICES];
	struct guest_dtb_params p = { .ram_base = 0x80000000, .ram_size = 0x1000000, .nvcpus = 1,
				      .isa = "rv64imafdch", .timebase = 10000000 };
	p.ndevices = vm_devices_dtb_nodes(&cfg, nodes, VM_MAX_DEVICES);
	p.devices = nodes;
	static _Alignas(8) uint8_t dtb[8192];
	assert_true(guest_dtb_build(&p, dtb, sizeof(dtb), err, sizeof(err)) > 0);
	int node = fdt_path_offset(dtb, "/soc/fake@10000000");
	assert_true(node >= 0);
	const fdt32_t *fv = fdt_getprop(dtb, node, "fake-value", NULL);
	assert_non_null(fv);
	assert_int_equal(fdt32_to_cpu(*fv), 0x1234);
	assert_true(fdt_path_offset(dtb, "/soc/fake@10001000") >= 0);

	vm_devices_reset(&vm);
	assert_int_equal(resets, 2);
	vm_devices_release(&vm);
	assert_int_equal(releases, 2);
	assert_int_equal(vm.nmmio, 0);
	assert_null(vm_find_mmio(&vm, 0x10001008));
}

/* The kind's own rules reach the user as the parser's one-line errors. */
static void test_fake_kind_errors(void **state)
{
	(void)state;
	uint32_t v = 1;
	const uint32_t *missing[] = { NULL };
	make_description(1, missing);
	assert_true(vm_config_parse(desc, sizeof(desc), "fake.dtb", &cfg, 1, err, sizeof(err)) < 0);
	assert_string_equal(err, "fake.dtb: /vm@0/fake@10000000: property 'fake-value' is missing");

	const uint32_t *three[] = { &v, &v, &v };
	make_description(3, three);
	assert_true(vm_config_parse(desc, sizeof(desc), "fake.dtb", &cfg, 1, err, sizeof(err)) < 0);
	assert_non_null(strstr(err, "/vm@0/fake@10002000: a second test,fake device: at most 2 per vm"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fake_kind_parsed_created_described_released),
		cmocka_unit_test(test_fake_kind_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
