/* uart_device.h: the device kind "ns16550a": the 16550A model of uart.c on the VM's console. */
#ifndef HV_VDEV_UART_DEVICE_H
#define HV_VDEV_UART_DEVICE_H
#include "vm/device.h"

#define UART_DEFAULT_IRQ 10     /* its interrupt line unless "interrupts" says (QEMU virt's) */

struct uart_props {
	uint32_t irq;               /* "interrupts": its line at the VM's interrupt controller */
};

extern const struct vdev_kind vdev_uart;

#endif
