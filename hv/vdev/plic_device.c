/* plic_device.c: the device kind "riscv,plic0": the virtual PLIC (vplic.c) as the VM's interrupt
 * controller (vm/irqchip.h). Context N is vCPU N's supervisor external interrupt, raised and
 * lowered through that vCPU's request word; a completion goes back to the line's owner. */
#include "base/err.h"
#include "loader/guest_dtb.h"
#include "riscv/csr.h"
#include "vdev/plic_device.h"
#include "vdev/vplic.h"
#include "vm/irqchip.h"
#include "vm/vm.h"
#include "vm/vm_config.h"

struct plic_dev {
	struct vplic model;
	struct vm *vm;
};

VDEV_STATE_FITS(struct plic_dev);

static void plic_notify(void *ctx, int context, bool level)
{
	struct plic_dev *p = ctx;
	if (context < p->vm->nvcpus)
		vcpu_request_irq(&p->vm->vcpu[context].req, MIP_VSEIP, level);
}

static void plic_completed(void *ctx, unsigned line)
{
	struct plic_dev *p = ctx;
	irqchip_completed(&p->vm->irqchip, line);
}

static void plic_set_level(void *chip, unsigned line, bool level)
{
	struct plic_dev *p = chip;
	vplic_set_level(&p->model, line, level);
}

static const struct irqchip_ops plic_irqchip = { .set_level = plic_set_level };

static void plic_model_init(struct plic_dev *p)
{
	vplic_init(&p->model, p->vm->nvcpus, plic_notify, p);
	p->model.completed = plic_completed;
}

static int plic_create(struct vm *vm, struct mmio_device *dev, const struct vmcfg_device *d)
{
	struct plic_dev *p = vm_device_state(vm, dev);
	p->vm = vm;
	vplic_mmio_init(dev, &p->model, d->name, d->base, d->size);   /* first: it clears dev */
	plic_model_init(p);
	irqchip_attach(&vm->irqchip, &plic_irqchip, p, VPLIC_NSOURCES);
	return HV_OK;
}

static void plic_reset(struct mmio_device *dev)
{
	plic_model_init((struct plic_dev *)dev->state);
}

static void plic_release(struct mmio_device *dev)
{
	struct plic_dev *p = dev->state;
	irqchip_detach(&p->vm->irqchip);
}

static void plic_dtb_write(struct guest_dtb *d, const struct guest_dtb_device *dev)
{
	guest_dtb_put_string(d, "compatible", "riscv,plic0");
	guest_dtb_put_u32(d, "#interrupt-cells", 1);
	guest_dtb_put_u32(d, "#address-cells", 0);
	guest_dtb_put_empty(d, "interrupt-controller");
	guest_dtb_put_u32(d, "riscv,ndev", dev->irq_sources);
	guest_dtb_put_vcpu_contexts(d, IRQ_S_EXT);
}

static void plic_dtb_node(const struct vmcfg_device *d, struct guest_dtb_device *out)
{
	*out = (struct guest_dtb_device){
		.node = "plic", .label = "PLIC", .base = d->base, .size = d->size, .on_soc = true,
		.is_irqchip = true, .irq_sources = VPLIC_NSOURCES - 1, .write = plic_dtb_write,
	};
}

const struct vdev_kind vdev_plic = {
	.compatible = "riscv,plic0",
	.max_per_vm = 1,
	.create = plic_create,
	.reset = plic_reset,
	.release = plic_release,
	.dtb_node = plic_dtb_node,
};
