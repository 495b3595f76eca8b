/* uart_device.c: the device kind "ns16550a": the 16550A register model (uart.c) at a guest
 * address. What the guest transmits goes to the console (vm/console.h), what the console has for
 * this VM arrives on its receive line, and its interrupt goes to the VM's interrupt controller. */
#include <stddef.h>
#include "base/err.h"
#include "base/host_dtb.h"
#include "loader/guest_dtb.h"
#include "riscv/time.h"
#include "vdev/uart.h"
#include "vdev/uart_device.h"
#include "vm/console.h"
#include "vm/irqchip.h"
#include "vm/vm.h"
#include "vm/vm_config.h"

/* A guest polling its UART sees host input promptly: the console is looked at before the model
 * answers, at most once per UART_POLL_US of host time (a poll of the host UART costs more than
 * the emulated read). The console is one for all VMs, so is this clock. */
#define UART_POLL_US 100
static uint64_t last_poll;

struct uart_dev {
	struct vuart model;
	struct vm *vm;
	uint32_t irq;
	mmio_read_fn model_read;    /* the model's own read, behind uart_read_with_input */
	uint64_t poll_ticks;
};

VMCFG_PROPS_FIT(struct uart_props);
VDEV_STATE_FITS(struct uart_dev);
_Static_assert(offsetof(struct uart_dev, model) == 0, "the MMIO front end sees the uart_dev as its model");

static const char *const uart_props_known[] = { "interrupts", NULL };

static int uart_parse(const struct vmcfg_ctx *c, int node, struct vmcfg_device *d)
{
	struct uart_props *p = VMCFG_PROPS(d, struct uart_props);
	p->irq = UART_DEFAULT_IRQ;
	int r = vmcfg_prop_u32(c, node, "interrupts", &p->irq);
	if (r >= 0 && (p->irq < 1 || p->irq >= IRQCHIP_MAX_LINES))
		return vmcfg_fail(c, HV_EINVAL, node, "interrupts", "must be a PLIC source, 1..%d",
				  IRQCHIP_MAX_LINES - 1);
	return r < 0 ? r : HV_OK;
}

static void uart_output(void *ctx, uint8_t c)
{
	struct uart_dev *u = ctx;
	char ch = (char)c;
	console_vm_write(u->vm, &ch, 1);
}

static void uart_irq_line(void *ctx, bool level)
{
	struct uart_dev *u = ctx;
	irqchip_set_level(&u->vm->irqchip, u->irq, level);
}

/* The console has input for this VM: take what fits in the receive FIFO. */
static void uart_take_input(void *ctx)
{
	struct uart_dev *u = ctx;
	int c;
	while (vuart_rx_space(&u->model) && (c = console_vm_getc(u->vm)) >= 0)
		vuart_receive(&u->model, (uint8_t)c);
}

static __attribute__((noinline)) int uart_read_after_poll(struct mmio_device *dev, uint64_t offset, int width,
							  uint64_t *value, uint64_t now)
{
	struct uart_dev *u = dev->state;
	last_poll = now;
	console_poll_input();
	return u->model_read(dev, offset, width, value);
}

static int uart_read_with_input(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	struct uart_dev *u = dev->state;
	uint64_t now = time_now();
	if (now - last_poll >= u->poll_ticks)
		return uart_read_after_poll(dev, offset, width, value, now);
	return u->model_read(dev, offset, width, value);
}

static int uart_create(struct vm *vm, struct mmio_device *dev, const struct vmcfg_device *d)
{
	struct uart_dev *u = vm_device_state(vm, dev);
	u->vm = vm;
	u->irq = VMCFG_PROPS(d, const struct uart_props)->irq;
	u->poll_ticks = UART_POLL_US * (host.timebase_hz / 1000000);
	/* the MMIO front end reads through the model's own accessors; the guest's reads first look at
	 * the console; the model's state pointer is the uart_dev, whose first member is the model */
	vuart_init(dev, &u->model, d->name, d->base, d->size, uart_output, uart_irq_line, u);
	u->model_read = dev->read;
	dev->read = uart_read_with_input;
	dev->state = u;
	console_attach_input(vm, uart_take_input, u);
	return HV_OK;
}

static void uart_reset(struct mmio_device *dev)
{
	struct uart_dev *u = dev->state;
	vuart_model_init(&u->model, uart_output, uart_irq_line, u);
	irqchip_set_level(&u->vm->irqchip, u->irq, false);
}

static void uart_release(struct mmio_device *dev)
{
	struct uart_dev *u = dev->state;
	console_attach_input(u->vm, NULL, NULL);
}

static void uart_dtb_write(struct guest_dtb *d, const struct guest_dtb_device *dev)
{
	(void)dev;
	guest_dtb_put_string(d, "compatible", "ns16550a");
	guest_dtb_put_u32(d, "clock-frequency", 3686400);   /* what QEMU virt's 16550 reports */
}

static void uart_dtb_node(const struct vmcfg_device *d, struct guest_dtb_device *out)
{
	*out = (struct guest_dtb_device){
		.node = "serial", .label = "UART", .base = d->base, .size = d->size, .on_soc = true,
		.is_console = true, .has_irq = true, .irq = VMCFG_PROPS(d, const struct uart_props)->irq,
		.write = uart_dtb_write,
	};
}

const struct vdev_kind vdev_uart = {
	.compatible = "ns16550a",
	.props = uart_props_known,
	.max_per_vm = 1,
	.parse = uart_parse,
	.create = uart_create,
	.reset = uart_reset,
	.release = uart_release,
	.dtb_node = uart_dtb_node,
};
