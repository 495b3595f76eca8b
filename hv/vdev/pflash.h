/* pflash.h: the guest's CFI flash: the host bank passed through (mapped on first touch) or the
 * CFI model of pflash/ with read-only array mappings and write-back to a disk file or the host bank. */
#ifndef HV_VDEV_PFLASH_H
#define HV_VDEV_PFLASH_H
#include "vm/vm.h"
#include "vm/vm_config.h"

/* Sets up dev for the flash cfg describes; logs one line naming the VM and the problem on error. */
int pflash_init(struct vm *vm, struct mmio_device *dev, const struct vmcfg_device *cfg);

#endif
