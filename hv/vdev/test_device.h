/* test_device.h: the simple_hv exercise's device: reads return a fixed value, writes are ignored. */
#ifndef HV_VDEV_TEST_DEVICE_H
#define HV_VDEV_TEST_DEVICE_H
#include "vm/device.h"

struct test_device_props {
	uint64_t read_value;        /* "read-value": what every read returns */
};

extern const struct vdev_kind vdev_test_device;

#endif
