/* test_device.c: the device kind "hartvisor,test-device": every read returns the value its VM
 * description gives (read-value), writes are ignored. It has no node in the guest's device tree. */
#include "base/err.h"
#include "vdev/test_device.h"
#include "vm/vm.h"
#include "vm/vm_config.h"

VMCFG_PROPS_FIT(struct test_device_props);
VDEV_STATE_FITS(struct test_device_props);

static const char *const test_device_props[] = { "read-value", NULL };

static int test_device_parse(const struct vmcfg_ctx *c, int node, struct vmcfg_device *d)
{
	int r = vmcfg_prop_u64(c, node, "read-value", &VMCFG_PROPS(d, struct test_device_props)->read_value);
	return r < 0 ? r : HV_OK;
}

static int test_device_read(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	(void)offset;
	uint64_t v = ((const struct test_device_props *)dev->state)->read_value;
	*value = width == 8 ? v : v & ((1ULL << (8 * width)) - 1);
	return HV_OK;
}

static int test_device_write(struct mmio_device *dev, uint64_t offset, int width, uint64_t value)
{
	(void)dev; (void)offset; (void)width; (void)value;
	return HV_OK;
}

static int test_device_create(struct vm *vm, struct mmio_device *dev, const struct vmcfg_device *d)
{
	struct test_device_props *p = vm_device_state(vm, dev);
	*p = *VMCFG_PROPS(d, const struct test_device_props);
	dev->state = p;
	dev->read = test_device_read;
	dev->write = test_device_write;
	return HV_OK;
}

const struct vdev_kind vdev_test_device = {
	.compatible = "hartvisor,test-device",
	.props = test_device_props,
	.parse = test_device_parse,
	.create = test_device_create,
};
