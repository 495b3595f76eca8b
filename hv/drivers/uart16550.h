/* uart16550.h: the host's 16550 UART, the hypervisor's console. */
#ifndef HV_DRIVERS_UART16550_H
#define HV_DRIVERS_UART16550_H
#include <stdint.h>

void uart16550_init(uint64_t base, uint32_t reg_shift);
void uart16550_putc(char c);
/* A received byte, or -1 when none is waiting. */
int uart16550_getc(void);

#endif
