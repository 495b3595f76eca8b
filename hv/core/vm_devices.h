/* vm_devices.h: a VM's emulated devices, built from its description, and the wires between them:
 * UART interrupt line -> virtual PLIC -> each vCPU's VS external interrupt, and host console
 * input -> the UART of the VM that owns the console. */
#ifndef HV_CORE_VM_DEVICES_H
#define HV_CORE_VM_DEVICES_H
#include "core/vm.h"
#include "core/vm_config.h"

/* Adds the description's devices to vm (logs one line on error; vm_destroy releases them). */
int vm_devices_create(struct vm *vm, const struct vm_config *cfg);
/* Forgets the VM's UART and PLIC (its console ownership too). */
void vm_devices_destroy(struct vm *vm);
/* How many VMs are running: with more than one, UART output lines get a "[vmN] " prefix. */
void vm_devices_set_vm_count(int n);
/* Moves waiting host console input into the owning VM's UART; true when a VM owns the console. */
bool vm_devices_poll_input(void);

#endif
