/* test_vm_mem.c: the VM layout lookups: which emulated device covers a guest-physical address
 * (with the last-found device tried first) and which ranges are RAM.
 * unit-sources: hv/vm/vm_mem.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "vm/vm.h"

static struct vm vm;

static void add_device(gpa_t base, uint64_t size)
{
	struct mmio_device *dev = &vm.mmio[vm.nmmio++];
	memset(dev, 0, sizeof(*dev));
	dev->base = base;
	dev->size = size;
}

static int setup(void **state)
{
	(void)state;
	memset(&vm, 0, sizeof(vm));
	add_device(0x10000000, 0x100);     /* a UART */
	add_device(0x0c000000, 0x600000);  /* a PLIC */
	add_device(0x22000000, 0x2000000); /* a flash */
	return 0;
}

static void test_find_each_device_and_its_edges(void **state)
{
	(void)state;
	assert_ptr_equal(vm_find_mmio(&vm, 0x10000005), &vm.mmio[0]);
	assert_ptr_equal(vm_find_mmio(&vm, 0x100000ff), &vm.mmio[0]);
	assert_null(vm_find_mmio(&vm, 0x10000100));          /* one past the UART */
	assert_ptr_equal(vm_find_mmio(&vm, 0x0c000000), &vm.mmio[1]);
	assert_ptr_equal(vm_find_mmio(&vm, 0x23ffffff), &vm.mmio[2]);
	assert_null(vm_find_mmio(&vm, 0x24000000));
	assert_null(vm_find_mmio(&vm, 0x0bffffff));
	assert_null(vm_find_mmio(&vm, ~0UL));
}

/* The remembered device must never answer for an address outside it. */
static void test_last_found_does_not_shadow_others(void **state)
{
	(void)state;
	for (int round = 0; round < 3; round++) {
		assert_ptr_equal(vm_find_mmio(&vm, 0x10000005), &vm.mmio[0]);
		assert_ptr_equal(vm_find_mmio(&vm, 0x10000005), &vm.mmio[0]);
		assert_ptr_equal(vm_find_mmio(&vm, 0x22000000), &vm.mmio[2]);
		assert_null(vm_find_mmio(&vm, 0x20000000));
		assert_ptr_equal(vm_find_mmio(&vm, 0x0c200004), &vm.mmio[1]);
	}
}

/* A VM torn down and built again (vm_destroy clears the count and the remembered device). */
static void test_no_devices_after_reset(void **state)
{
	(void)state;
	assert_non_null(vm_find_mmio(&vm, 0x10000005));
	vm.nmmio = 0;
	vm.mmio_last = NULL;
	assert_null(vm_find_mmio(&vm, 0x10000005));
}

static void test_ram_ranges(void **state)
{
	(void)state;
	vm.ram_base = 0x80000000;
	vm.ram_size = 0x1000000;
	assert_true(vm_gpa_in_ram(&vm, 0x80000000, 8));
	assert_true(vm_gpa_in_ram(&vm, 0x80fffff8, 8));
	assert_false(vm_gpa_in_ram(&vm, 0x80fffff9, 8));     /* runs past the end */
	assert_false(vm_gpa_in_ram(&vm, 0x7ffffff8, 8));
	assert_false(vm_gpa_in_ram(&vm, ~0UL - 3, 8));        /* wraps around */
	assert_false(vm_gpa_in_ram(&vm, 0x81000000, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_find_each_device_and_its_edges, setup),
		cmocka_unit_test_setup(test_last_found_does_not_shadow_others, setup),
		cmocka_unit_test_setup(test_no_devices_after_reset, setup),
		cmocka_unit_test_setup(test_ram_ranges, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
