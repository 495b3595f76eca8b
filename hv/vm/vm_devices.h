/* vm_devices.h: a VM's devices, made from its description by walking each device's kind
 * (vm/device.h); the VM owns them. Portable. */
#ifndef HV_VM_VM_DEVICES_H
#define HV_VM_VM_DEVICES_H
#include "vm/vm.h"
#include "vm/vm_config.h"

struct guest_dtb_device;

/* Creates the description's devices in vm, in order; on error the one that failed has logged a
 * line, and vm_devices_release frees what was made. */
int vm_devices_create(struct vm *vm, const struct vm_config *cfg);
/* Puts every device back to the state its creation left. */
void vm_devices_reset(struct vm *vm);
/* Releases every device (vm->nmmio becomes 0). */
void vm_devices_release(struct vm *vm);
/* The guest-DTB nodes of the description's devices, into out[max]; returns how many. */
int vm_devices_dtb_nodes(const struct vm_config *cfg, struct guest_dtb_device *out, int max);

#endif
