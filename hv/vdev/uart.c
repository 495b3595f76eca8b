/* uart.c: a 16550 UART for the guest, output only for now: THR bytes go to the host console,
 * LSR always reports the transmitter empty, the other registers read as zero and ignore writes. */
#include <string.h>
#include "core/console.h"
#include "core/err.h"
#include "vdev/uart.h"

#define UART_THR 0
#define UART_LCR 3
#define UART_LSR 5
#define LCR_DLAB 0x80
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

static int vuart_read(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	(void)width;
	*value = offset == UART_LSR ? LSR_THRE | LSR_TEMT : offset == UART_LCR ? dev->value : 0;
	return HV_OK;
}

static int vuart_write(struct mmio_device *dev, uint64_t offset, int width, uint64_t value)
{
	(void)width;
	if (offset == UART_LCR)
		dev->value = value & 0xff;           /* remembered so DLAB reads back */
	else if (offset == UART_THR && !(dev->value & LCR_DLAB))
		console_putc((char)value);
	return HV_OK;
}

void vuart_init(struct mmio_device *dev, const char *name, gpa_t base, uint64_t size)
{
	memset(dev, 0, sizeof(*dev));
	strncpy(dev->name, name, sizeof(dev->name) - 1);
	dev->base = base;
	dev->size = size;
	dev->read = vuart_read;
	dev->write = vuart_write;
}
