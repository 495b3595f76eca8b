/* vm_mem.c: lookups in a VM's layout: RAM ranges, emulated devices, emulated CSRs (portable). */
#include "vm/vm.h"

bool vm_gpa_in_ram(const struct vm *vm, gpa_t gpa, uint64_t len)
{
	if (gpa + len < gpa)
		return false;
	return gpa >= vm->ram_base && gpa - vm->ram_base <= vm->ram_size &&
	       len <= vm->ram_size - (gpa - vm->ram_base) &&
	       (len > 0 || gpa - vm->ram_base < vm->ram_size);
}

void *vm_gpa_to_host(const struct vm *vm, gpa_t gpa)
{
	return (void *)(uintptr_t)(vm->ram_hpa + (gpa - vm->ram_base));
}

static bool mmio_covers(const struct mmio_device *dev, gpa_t gpa)
{
	return gpa >= dev->base && gpa - dev->base < dev->size;
}

struct mmio_device *vm_find_mmio(struct vm *vm, gpa_t gpa)
{
	if (vm->mmio_last && mmio_covers(vm->mmio_last, gpa))
		return vm->mmio_last;
	for (int i = 0; i < vm->nmmio; i++)
		if (mmio_covers(&vm->mmio[i], gpa))
			return vm->mmio_last = &vm->mmio[i];
	return NULL;
}

bool vm_csr_emulated(const struct vm *vm, uint16_t csr, uint64_t *value)
{
	for (int i = 0; i < vm->ncsrs; i++)
		if (vm->csrs[i].csr == csr) {
			*value = vm->csrs[i].value;
			return true;
		}
	return false;
}
