/* plic_device.h: the device kind "riscv,plic0": the VM's interrupt controller (vplic.c). */
#ifndef HV_VDEV_PLIC_DEVICE_H
#define HV_VDEV_PLIC_DEVICE_H
#include "vm/device.h"

extern const struct vdev_kind vdev_plic;

#endif
