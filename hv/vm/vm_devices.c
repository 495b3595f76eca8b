/* vm_devices.c: makes, resets and releases a VM's devices through their kinds (vm/device.h), and
 * collects their guest-DTB nodes; no device kind is named here. Portable. */
#include <string.h>
#include "base/err.h"
#include "loader/guest_dtb.h"
#include "vm/device.h"
#include "vm/vm_devices.h"

int vm_devices_create(struct vm *vm, const struct vm_config *cfg)
{
	for (int i = 0; i < cfg->ndevices && vm->nmmio < VM_MAX_DEVICES; i++) {
		const struct vmcfg_device *d = &cfg->devices[i];
		struct mmio_device *dev = &vm->mmio[vm->nmmio++];
		memset(dev, 0, sizeof(*dev));
		memset(vm_device_state(vm, dev), 0, VDEV_STATE_BYTES);
		strncpy(dev->name, d->name, sizeof(dev->name) - 1);
		dev->base = d->base;
		dev->size = d->size;
		int err = d->kind->create(vm, dev, d);
		/* after create, which may have set the front end up afresh */
		dev->kind = d->kind;
		dev->config = d;
		if (err)
			return err;
	}
	return HV_OK;
}

void vm_devices_reset(struct vm *vm)
{
	for (int i = 0; i < vm->nmmio; i++)
		if (vm->mmio[i].kind->reset)
			vm->mmio[i].kind->reset(&vm->mmio[i]);
}

void vm_devices_release(struct vm *vm)
{
	for (int i = vm->nmmio - 1; i >= 0; i--)
		if (vm->mmio[i].kind && vm->mmio[i].kind->release)
			vm->mmio[i].kind->release(&vm->mmio[i]);
	vm->nmmio = 0;
	vm->mmio_last = NULL;
}

int vm_devices_dtb_nodes(const struct vm_config *cfg, struct guest_dtb_device *out, int max)
{
	int n = 0;
	for (int i = 0; i < cfg->ndevices && n < max; i++)
		if (cfg->devices[i].kind->dtb_node)
			cfg->devices[i].kind->dtb_node(&cfg->devices[i], &out[n++]);
	return n;
}
