/* test_device.c: a device whose every read returns the value its VM description gives. */
#include <string.h>
#include "base/err.h"
#include "vdev/test_device.h"

static int test_device_read(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	(void)offset;
	*value = width == 8 ? dev->value : dev->value & ((1ULL << (8 * width)) - 1);
	return HV_OK;
}

static int test_device_write(struct mmio_device *dev, uint64_t offset, int width, uint64_t value)
{
	(void)dev; (void)offset; (void)width; (void)value;
	return HV_OK;
}

void test_device_init(struct mmio_device *dev, const char *name, gpa_t base, uint64_t size, uint64_t value)
{
	memset(dev, 0, sizeof(*dev));
	strncpy(dev->name, name, sizeof(dev->name) - 1);
	dev->base = base;
	dev->size = size;
	dev->value = value;
	dev->read = test_device_read;
	dev->write = test_device_write;
}
