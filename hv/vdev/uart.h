/* uart.h: the guest's 16550 UART (output side): what the guest writes to THR goes to the host console. */
#ifndef HV_VDEV_UART_H
#define HV_VDEV_UART_H
#include "core/vm.h"

void vuart_init(struct mmio_device *dev, const char *name, gpa_t base, uint64_t size);

#endif
