/* device.h: device kinds. Each kind is one file under hv/vdev/ that fills one struct vdev_kind, and
 * vdev/vdev_table.c lists them. The description parser (vm_config.c), the VM builder
 * (vm_devices.c) and the guest-DTB writer (loader/guest_dtb.c, through dtb_node) walk the table;
 * none of them names a kind. A device's state belongs to its VM (struct vm's mmio[]). */
#ifndef HV_VM_DEVICE_H
#define HV_VM_DEVICE_H
#include "base/types.h"

struct vm;
struct mmio_device;
struct vmcfg_ctx;
struct vmcfg_device;
struct guest_dtb_device;

struct vdev_kind {
	const char *compatible;       /* the node's compatible string in a VM description */
	const char *const *props;     /* the properties its node may have besides compatible, reg and
	                                 phandle (NULL-terminated; NULL: none) */
	int max_per_vm;               /* 0: any number */
	/* Reads the kind's own properties of node into d->props (vm_config.h: vmcfg_prop_*, which
	 * report errors); HV_OK or the error. NULL: the kind has none. */
	int (*parse)(const struct vmcfg_ctx *c, int node, struct vmcfg_device *d);
	/* Makes dev (name, base and size already set) the device d describes, in vm; on error it logs
	 * one line naming the VM and leaves what it took for release. */
	int (*create)(struct vm *vm, struct mmio_device *dev, const struct vmcfg_device *d);
	/* Back to the state create left (NULL: nothing to do). */
	void (*reset)(struct mmio_device *dev);
	/* Frees what create took (NULL: nothing). */
	void (*release)(struct mmio_device *dev);
	/* Describes the device's node in the guest's device tree (NULL: it has none). */
	void (*dtb_node)(const struct vmcfg_device *d, struct guest_dtb_device *out);
};

/* Every kind, NULL-terminated (vdev/vdev_table.c; a unit test may bring its own). */
extern const struct vdev_kind *const vdev_kinds[];

#endif
