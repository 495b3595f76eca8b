/* vdev_table.c: every device kind a VM description may name. A new kind is one file under
 * hv/vdev/ and one line here. The order is the one error lines list them in. */
#include <stddef.h>
#include "vdev/pflash.h"
#include "vdev/plic_device.h"
#include "vdev/test_device.h"
#include "vdev/uart_device.h"

const struct vdev_kind *const vdev_kinds[] = {
	&vdev_test_device,
	&vdev_uart,
	&vdev_pflash,
	&vdev_plic,
	NULL,
};
