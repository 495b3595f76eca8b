/* uart16550.c: polled output and input on the host's 16550 (QEMU sets the line up already). */
#include "drivers/uart16550.h"

#define UART_RBR_THR 0
#define UART_LSR     5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20

static volatile uint8_t *uart_base;
static uint32_t uart_shift;

static inline volatile uint8_t *uart_reg(int reg)
{
	return uart_base + ((uintptr_t)reg << uart_shift);
}

void uart16550_init(uint64_t base, uint32_t reg_shift)
{
	uart_shift = reg_shift;
	uart_base = (volatile uint8_t *)(uintptr_t)base;
}

void uart16550_putc(char c)
{
	while (!(*uart_reg(UART_LSR) & LSR_THR_EMPTY))
		;
	*uart_reg(UART_RBR_THR) = (uint8_t)c;
}

int uart16550_getc(void)
{
	if (!uart_base || !(*uart_reg(UART_LSR) & LSR_DATA_READY))
		return -1;
	return *uart_reg(UART_RBR_THR);
}
