/* vm_devices.h: a VM's emulated devices, built from its description, and the wires between them:
 * UART interrupt line -> virtual PLIC -> each vCPU's VS external interrupt, and host console
 * input -> the UART of the VM that owns the console. */
#ifndef HV_CORE_VM_DEVICES_H
#define HV_CORE_VM_DEVICES_H
#include "vm/vm.h"
#include "vm/vm_config.h"

/* Adds the description's devices to vm (logs one line on error; vm_destroy releases them). */
int vm_devices_create(struct vm *vm, const struct vm_config *cfg);
/* Forgets the VM's UART and PLIC (its console ownership too). */
void vm_devices_destroy(struct vm *vm);

#endif
