/* vm_create.h: VM construction from a description, and teardown. */
#ifndef HV_CORE_VM_CREATE_H
#define HV_CORE_VM_CREATE_H
#include "vm/vm_config.h"

/* Builds vm from cfg; on error it logs one line naming the VM and leaves nothing allocated. */
int vm_create(struct vm *vm, int id, const struct vm_config *cfg);
/* Frees the VM's RAM and tables. */
void vm_destroy(struct vm *vm);

#endif
