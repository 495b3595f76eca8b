/* test_device.h: the simple_hv exercise's device: reads return a fixed value, writes are ignored. */
#ifndef HV_VDEV_TEST_DEVICE_H
#define HV_VDEV_TEST_DEVICE_H
#include "vm/vm.h"

void test_device_init(struct mmio_device *dev, const char *name, gpa_t base, uint64_t size, uint64_t value);

#endif
