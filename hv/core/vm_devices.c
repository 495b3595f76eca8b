/* vm_devices.c: builds a VM's emulated devices (test devices, 16550 UART, PLIC, pflash) and wires
 * the UART's interrupt through the VM's PLIC to hvip.VSEIP of the vCPU whose context it reaches.
 * Host console input goes to the UART of the lowest-numbered VM that has one. */
#include <stdio.h>
#include "riscv/csr.h"
#include "vm/console.h"
#include "base/err.h"
#include "base/log.h"
#include "core/boot.h"
#include "core/vm_devices.h"
#include "vdev/pflash.h"
#include "vdev/test_device.h"
#include "vdev/uart.h"
#include "vdev/vplic.h"

struct vm_irq_wiring {
	struct vm *vm;
	mmio_read_fn uart_read;   /* the model's own read, behind uart_read_with_input */
	bool has_uart, has_plic;
	unsigned uart_irq;
	struct vuart uart;
	struct vplic plic;
};

static struct vm_irq_wiring wiring[VM_MAX];

static void uart_output(void *ctx, uint8_t c)
{
	struct vm_irq_wiring *w = ctx;
	char ch = (char)c;
	console_vm_write(w->vm, &ch, 1);
}

static void uart_irq_line(void *ctx, bool level)
{
	struct vm_irq_wiring *w = ctx;
	irqchip_set_level(&w->vm->irqchip, w->uart_irq, level);
}

static void uart_take_input(void *ctx)
{
	struct vm_irq_wiring *w = ctx;
	int c;
	while (vuart_rx_space(&w->uart) && (c = console_vm_getc(w->vm)) >= 0)
		vuart_receive(&w->uart, (uint8_t)c);
}

/* PLIC context N is vCPU N's supervisor external interrupt. */
static void plic_notify(void *ctx, int context, bool level)
{
	struct vm_irq_wiring *w = ctx;
	if (context < w->vm->nvcpus)
		vcpu_request_irq(&w->vm->vcpu[context].req, MIP_VSEIP, level);
}

static void plic_set_level(void *chip, unsigned line, bool level)
{
	vplic_set_level(chip, line, level);
}

static void plic_completed(void *ctx, unsigned line)
{
	struct vm_irq_wiring *w = ctx;
	irqchip_completed(&w->vm->irqchip, line);
}

static const struct irqchip_ops plic_ops = { .set_level = plic_set_level };

/* A guest polling its UART sees host input promptly: fetch it before the model answers, at most
 * once per UART_POLL_US of host time (a poll of the host UART costs more than the emulated read). */
#define UART_POLL_US 100
static uint64_t uart_last_poll, uart_poll_ticks;

static __attribute__((noinline)) int uart_read_after_poll(struct mmio_device *dev, uint64_t offset, int width,
							  uint64_t *value, uint64_t now)
{
	struct vm_irq_wiring *w = (struct vm_irq_wiring *)(uintptr_t)dev->value;
	uart_last_poll = now;
	console_poll_input();
	return w->uart_read(dev, offset, width, value);
}

static int uart_read_with_input(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	struct vm_irq_wiring *w = (struct vm_irq_wiring *)(uintptr_t)dev->value;
	uint64_t now = csr_read(CSR_TIME);
	if (now - uart_last_poll >= uart_poll_ticks)
		return uart_read_after_poll(dev, offset, width, value, now);
	return w->uart_read(dev, offset, width, value);
}

static struct vm_irq_wiring *wiring_of(struct vm *vm)
{
	return vm->id >= 0 && vm->id < VM_MAX ? &wiring[vm->id] : NULL;
}

int vm_devices_create(struct vm *vm, const struct vm_config *cfg)
{
	struct vm_irq_wiring *w = wiring_of(vm);
	if (!w)
		return HV_EINVAL;
	*w = (struct vm_irq_wiring){ .vm = vm };
	uart_poll_ticks = UART_POLL_US * (host.timebase_hz / 1000000);
	for (int i = 0; i < cfg->ndevices; i++) {
		const struct vmcfg_device *d = &cfg->devices[i];
		struct mmio_device *dev = &vm->mmio[vm->nmmio++];
		int err = HV_OK;
		if (d->type == VMCFG_DEV_TEST) {
			test_device_init(dev, d->name, d->base, d->size, d->value);
		} else if (d->type == VMCFG_DEV_UART && !w->has_uart) {
			w->has_uart = true;
			w->uart_irq = (unsigned)d->value;
			vuart_init(dev, &w->uart, d->name, d->base, d->size, uart_output, uart_irq_line, w);
			w->uart_read = dev->read;
			dev->read = uart_read_with_input;
			dev->value = (uint64_t)(uintptr_t)w;   /* the uart glue keeps its model in state */
			console_attach_input(vm, uart_take_input, w);
		} else if (d->type == VMCFG_DEV_PLIC && !w->has_plic) {
			w->has_plic = true;
			vplic_init(&w->plic, vm->nvcpus, plic_notify, w);
			vplic_mmio_init(dev, &w->plic, d->name, d->base, d->size);
			w->plic.completed = plic_completed;
			irqchip_attach(&vm->irqchip, &plic_ops, &w->plic, VPLIC_NSOURCES);
		} else if (d->type == VMCFG_DEV_PFLASH) {
			err = pflash_init(vm, dev, d);
		} else {
			vm_log_error(vm->id, "%s: a second %s (%s): one per VM", vm->name,
				     d->type == VMCFG_DEV_UART ? "uart" : "PLIC", d->name);
			err = HV_EEXIST;
		}
		if (err)
			return err;
	}
	return HV_OK;
}

void vm_devices_destroy(struct vm *vm)
{
	struct vm_irq_wiring *w = wiring_of(vm);
	if (w)
		w->has_uart = w->has_plic = false;
	irqchip_detach(&vm->irqchip);
}
