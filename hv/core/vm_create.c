/* vm_create.c: builds a VM from its description (RAM, G-stage, devices, kernel, vCPUs) and tears it down. */
#include <string.h>
#include "arch/guest_access.h"
#include "arch/vcpu_arch.h"
#include "core/embedded.h"
#include "core/err.h"
#include "core/log.h"
#include "core/vm_create.h"
#include "mm/page_alloc.h"
#include "vdev/test_device.h"

static void gstage_flush(uint16_t vmid, gpa_t gpa, uint64_t size)
{
	(void)gpa; (void)size;
	hfence_gvma_vmid(vmid);
}

static int setup_ram(struct vm *vm, const struct vm_config *cfg)
{
	size_t npages = cfg->ram_size / PAGE_SIZE;
	/* contiguous and aligned so that 2 MiB (or 1 GiB) leaves map it */
	size_t align = cfg->ram_size >= (1UL << 30) ? (1UL << 18) : cfg->ram_size >= (2UL << 20) ? 512 : 1;
	hpa_t ram = page_alloc_pages(&hv_pages, npages, align);
	if (!ram)
		ram = page_alloc_pages(&hv_pages, npages, 1);
	if (!ram) {
		vm_log_error(vm->id, "%s: not enough free host RAM for %lu MiB of guest RAM (%lu MiB free)",
			     cfg->name, (unsigned long)(cfg->ram_size >> 20),
			     (unsigned long)(page_alloc_free_count(&hv_pages) * PAGE_SIZE >> 20));
		return HV_ENOMEM;
	}
	memset((void *)(uintptr_t)ram, 0, cfg->ram_size);
	vm->ram_base = cfg->ram_base;
	vm->ram_size = cfg->ram_size;
	vm->ram_hpa = ram;
	int err = gstage_init(&vm->gstage, &hv_pages, cfg->gstage_levels == 4 ? GSTAGE_SV48X4 : GSTAGE_SV39X4,
			      (uint16_t)(vm->id + 1));
	if (!err) {
		vm->gstage.flush = gstage_flush;
		err = gstage_map_range(&vm->gstage, vm->ram_base, ram, vm->ram_size, GSTAGE_RWX);
	}
	if (err)
		vm_log_error(vm->id, "%s: cannot build the G-stage table for its RAM: %s", cfg->name, hv_strerror(err));
	return err;
}

static int setup_devices(struct vm *vm, const struct vm_config *cfg)
{
	for (int i = 0; i < cfg->ndevices; i++) {
		const struct vmcfg_device *d = &cfg->devices[i];
		if (d->type != VMCFG_DEV_TEST) {
			vm_log_error(vm->id, "%s: device %s is not supported yet", cfg->name, d->name);
			return HV_ENOTSUP;
		}
		test_device_init(&vm->mmio[vm->nmmio++], d->name, d->base, d->size, d->value);
	}
	return HV_OK;
}

static int load_kernel(struct vm *vm, const struct vm_config *cfg)
{
	const struct embedded_file *f = embedded_find(cfg->kernel);
	if (!f) {
		vm_log_error(vm->id, "%s: kernel %s not found", cfg->name, cfg->kernel);
		return HV_ENOENT;
	}
	gpa_t at = cfg->kernel_addr ? cfg->kernel_addr : cfg->ram_base;
	if (!vm_gpa_in_ram(vm, at, f->size)) {
		vm_log_error(vm->id, "%s: kernel %s (%lu bytes at 0x%lx) does not fit in the VM's RAM",
			     cfg->name, cfg->kernel, (unsigned long)f->size, (unsigned long)at);
		return HV_ERANGE;
	}
	memcpy(vm_gpa_to_host(vm, at), f->data, f->size);
	return HV_OK;
}

int vm_create(struct vm *vm, int id, const struct vm_config *cfg)
{
	memset(vm, 0, sizeof(*vm));
	vm->id = id;
	strncpy(vm->name, cfg->name, sizeof(vm->name) - 1);
	vm->config = cfg;
	vm->trace_level = cfg->trace_level < 0 ? TRACE_OFF : cfg->trace_level;
	vm->ncsrs = cfg->ncsrs;
	memcpy(vm->csrs, cfg->csrs, sizeof(vm->csrs));
	int err = setup_ram(vm, cfg);
	if (!err)
		err = setup_devices(vm, cfg);
	if (!err)
		err = load_kernel(vm, cfg);
	if (err) {
		vm_destroy(vm);
		return err;
	}
	vm->nvcpus = cfg->nvcpus > 0 ? cfg->nvcpus : 1;
	gpa_t entry = cfg->entry ? cfg->entry : cfg->kernel_addr ? cfg->kernel_addr : cfg->ram_base;
	for (int i = 0; i < vm->nvcpus; i++) {
		struct vcpu *v = &vm->vcpu[i];
		v->vm = vm;
		v->id = i;
		vcpu_arch_reset(v, entry, 0);
		v->state = i == 0 ? VCPU_RUNNABLE : VCPU_STOPPED;
	}
	vm->state = VM_READY;
	vm_log_info(id, "%s: %lu MiB RAM at 0x%lx, %d vcpu(s), kernel %s at 0x%lx", vm->name,
		    (unsigned long)(vm->ram_size >> 20), (unsigned long)vm->ram_base, vm->nvcpus, cfg->kernel,
		    (unsigned long)entry);
	return HV_OK;
}

void vm_destroy(struct vm *vm)
{
	for (int i = 0; i < VM_MAX_VCPUS; i++)
		if (vm->vcpu[i].vm)
			vcpu_arch_forget(&vm->vcpu[i]);
	if (vm->gstage.root)
		gstage_destroy(&vm->gstage);
	if (vm->ram_hpa)
		page_free_pages(&hv_pages, vm->ram_hpa, vm->ram_size / PAGE_SIZE);
	vm->ram_hpa = 0;
	vm->state = VM_STOPPED;
}
