/* console.c: routes picolibc's stdout to the host UART (or SBI legacy putchar before the DTB is read). */
#include <stdio.h>
#include <stdbool.h>
#include "core/console.h"
#include "drivers/uart16550.h"
#include "arch/sbi_call.h"

static bool have_uart;

void console_use_uart(uint64_t base, uint32_t reg_shift)
{
	uart16550_init(base, reg_shift);
	have_uart = true;
}

void console_putc(char c)
{
	if (c == '\n')
		console_putc('\r');
	if (have_uart)
		uart16550_putc(c);
	else
		sbi_legacy_putchar(c);
}

int console_getc(void)
{
	return have_uart ? uart16550_getc() : -1;
}

static int stdout_put(char c, FILE *file)
{
	(void)file;
	console_putc(c);
	return (unsigned char)c;
}

static FILE console_stream = FDEV_SETUP_STREAM(stdout_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;
