/* vm_mem.c: lookups in a VM's layout: RAM ranges, emulated devices, emulated CSRs (portable). */
#include "core/vm.h"

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

struct mmio_device *vm_find_mmio(struct vm *vm, gpa_t gpa)
{
	for (int i = 0; i < vm->nmmio; i++)
		if (gpa >= vm->mmio[i].base && gpa - vm->mmio[i].base < vm->mmio[i].size)
			return &vm->mmio[i];
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
