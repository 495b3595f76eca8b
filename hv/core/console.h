/* console.h: the hypervisor's console: the host UART once known, SBI putchar before that. */
#ifndef HV_CORE_CONSOLE_H
#define HV_CORE_CONSOLE_H
#include <stdint.h>

void console_use_uart(uint64_t base, uint32_t reg_shift);
void console_putc(char c);
int console_getc(void);

#endif
