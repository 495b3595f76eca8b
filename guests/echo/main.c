/* echo: an interrupt-driven console. It finds the 16550 and the PLIC in its device tree, enables
 * the UART's receive interrupt through the PLIC, sleeps in wfi, and on each external interrupt
 * claims it, echoes every received byte through the UART, and completes it. A whole line is
 * reported as `echo: got line "..."`; the line "quit" ends the guest. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "lib/csr.h"
#include "lib/fdt.h"
#include "lib/trap.h"

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LSR 5
#define IER_RX   0x01
#define LSR_DR   0x01
#define LSR_THRE 0x20

#define PLIC_PRIORITY(src)     (4 * (src))
#define PLIC_ENABLE(ctx)       (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)    (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)        (0x200004 + 0x1000 * (ctx))
#define IRQ_S_EXTERNAL         9

static volatile uint8_t *uart;
static volatile uint8_t *plic;
static unsigned uart_irq;
static char line[128];
static unsigned line_len;
static volatile bool quit;
static unsigned interrupts;

static void reg32_write(unsigned long off, uint32_t v)
{
	*(volatile uint32_t *)(plic + off) = v;
}

static uint32_t reg32_read(unsigned long off)
{
	return *(volatile uint32_t *)(plic + off);
}

static void uart_put(char c)
{
	while (!(uart[UART_LSR] & LSR_THRE))
		;
	uart[UART_THR] = (uint8_t)c;
}

static void take_byte(char c)
{
	uart_put(c == '\r' ? '\n' : c);
	if (c != '\r' && c != '\n') {
		if (line_len < sizeof(line) - 1)
			line[line_len++] = c;
		return;
	}
	line[line_len] = 0;
	printf("echo: got line \"%s\"\n", line);
	if (!strcmp(line, "quit"))
		quit = true;
	line_len = 0;
}

static bool on_trap(struct guest_trap_frame *f)
{
	if (!trap_is_interrupt(f->scause) || trap_code(f->scause) != IRQ_S_EXTERNAL)
		return false;
	uint32_t src;
	while ((src = reg32_read(PLIC_CLAIM(0))) != 0) {
		interrupts++;
		while (src == uart_irq && (uart[UART_LSR] & LSR_DR))
			take_byte((char)uart[UART_RBR]);
		reg32_write(PLIC_CLAIM(0), src);
	}
	return true;
}

static int find_devices(const void *dtb)
{
	uint64_t base, size;
	if (guest_fdt_find_reg(dtb, "ns16550a", &base, &size))
		return -1;
	uart = (volatile uint8_t *)(uintptr_t)base;
	int node = fdt_node_offset_by_compatible(dtb, -1, "ns16550a");
	const fdt32_t *irq = fdt_getprop(dtb, node, "interrupts", NULL);
	if (!irq || guest_fdt_find_reg(dtb, "riscv,plic0", &base, &size))
		return -1;
	uart_irq = fdt32_to_cpu(*irq);
	plic = (volatile uint8_t *)(uintptr_t)base;
	return 0;
}

int main(unsigned long hartid, unsigned long dtb)
{
	if (hartid != 0 || find_devices((const void *)dtb)) {
		printf("echo: needs a ns16550a with an interrupt and a riscv,plic0 in its device tree\n");
		return 1;
	}
	guest_set_trap_handler(on_trap);
	reg32_write(PLIC_PRIORITY(uart_irq), 1);
	reg32_write(PLIC_ENABLE(0), 1u << uart_irq);
	reg32_write(PLIC_THRESHOLD(0), 0);
	uart[UART_FCR] = 0x07;       /* FIFOs on, both cleared */
	uart[UART_IER] = IER_RX;
	csr_set(CSR_SIE, MIP_SEIP);
	csr_set(CSR_SSTATUS, SSTATUS_SIE);
	printf("echo: ready, uart irq %u; type a line (\"quit\" ends)\n", uart_irq);
	while (!quit)
		__asm__ volatile("wfi");
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
	printf("echo: %u external interrupts, bye\n", interrupts);
	return 0;
}
