/* main.c: the mkernel guest (the ArceOS tour's m_1_1, a monolithic kernel): reads its machine
 * from the DTB, turns on Sv39 paging with its RAM and the flash identity-mapped for itself, loads
 * the user application carried as the flash's pflash payload, runs it in U-mode, and reports how
 * it exited: "monolithic kernel exit [c] normally!". */
#include <stdio.h>
#include "lib/csr.h"
#include "kernel.h"

extern char __image_start[], __image_end[];

/* The page pool: the RAM after the kernel image, up to the DTB when it lies above the image. */
static int memory_init(const struct machine *m)
{
	uint64_t start = (uint64_t)(uintptr_t)__image_end;
	uint64_t end = m->ram_base + m->ram_size;
	if (m->dtb_base >= start && m->dtb_base < end)
		end = m->dtb_base;
	int err = mm_init(start, end);
	if (err)
		return err;
	if (vm_overlaps_user(m->ram_base, m->ram_size) || vm_overlaps_user(m->flash_base, m->flash_size)) {
		printf("mkernel: RAM or flash overlaps the user address space\n");
		return -EINVAL;
	}
	if ((err = mm_map_kernel(m->ram_base, m->ram_size, PTE_R | PTE_W | PTE_X)) ||
	    (err = mm_map_kernel(m->flash_base, m->flash_size, PTE_R)))
		return err;
	mm_enable_paging();
	return 0;
}

int main(unsigned long hartid, unsigned long dtb)
{
	struct machine m;
	const void *app;
	size_t app_size;
	bool killed;

	printf("mkernel: monolithic kernel on hart %lu\n", hartid);
	if (dt_read_machine((const void *)dtb, &m))
		return 1;
	clock_init(m.timebase_hz);
	if (memory_init(&m)) {
		printf("mkernel: cannot set up paging\n");
		return 1;
	}
	printf("mkernel: Sv39 on, RAM 0x%lx+0x%lx, %lu free pages\n", (unsigned long)m.ram_base,
	       (unsigned long)m.ram_size, mm_pages_free());
	if (bench_requested((const void *)dtb))
		return bench_map_run((const void *)dtb);
	if (flash_find_payload(m.flash_base, m.flash_size, &app, &app_size))
		return 1;
	int err = vm_load_image(app, app_size);
	if (err) {
		printf("mkernel: cannot load the application (%lu bytes): error %d\n",
		       (unsigned long)app_size, err);
		return 1;
	}
	printf("mkernel: loaded the application from flash 0x%lx (%lu bytes) at 0x%lx, stack top 0x%lx\n",
	       (unsigned long)m.flash_base, (unsigned long)app_size, USER_BASE, USER_STACK_TOP);
	trap_init();

	long code = proc_run(&killed);
	printf("mkernel: %lu stack and %lu heap pages were demand-paged\n", vm_stack_faults(),
	       vm_heap_faults());
	if (killed)
		return 1;
	printf("monolithic kernel exit [%ld] normally!\n", code);
	return code == 0 ? 0 : 1;
}
