/* vm.c: the process's address space. The flat image sits at USER_BASE (U, RWX: a flat binary says
 * nothing about which pages are code), the heap follows it and grows with brk, and the stack is
 * the top USER_STACK_SIZE below USER_STACK_TOP. Heap and stack pages are mapped on demand: the
 * first access to one faults, and the fault handler maps a zeroed page (U, RW). */
#include <string.h>
#include "lib/csr.h"
#include "kernel.h"

static uint64_t heap_base, heap_break;   /* the heap is [heap_base, heap_break) */
static unsigned long stack_faults, heap_faults;

static bool in_stack(uint64_t va)
{
	return va >= USER_STACK_BASE && va < USER_STACK_TOP;
}

static bool in_heap(uint64_t va)
{
	return va >= heap_base && va < heap_break;
}

bool vm_overlaps_user(uint64_t base, uint64_t size)
{
	uint64_t end = base + size;
	return (base < USER_HEAP_LIMIT && end > USER_BASE) ||
	       (base < USER_STACK_TOP && end > USER_STACK_BASE);
}

int vm_load_image(const void *image, size_t size)
{
	if (size == 0 || size > USER_HEAP_LIMIT - USER_BASE)
		return -EINVAL;
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		void *page = mm_page_alloc();
		if (page == NULL)
			return -ENOMEM;
		memcpy(page, (const char *)image + off, size - off < PAGE_SIZE ? size - off : PAGE_SIZE);
		int err = mm_map_user(USER_BASE + off, page, PTE_R | PTE_W | PTE_X);
		if (err)
			return err;
	}
	/* the instruction fetches below must see what memcpy wrote */
	__asm__ volatile("fence.i" ::: "memory");
	heap_base = heap_break = USER_BASE + ALIGN_UP(size, PAGE_SIZE);
	return 0;
}

uint64_t vm_brk(uint64_t addr)
{
	if (addr < heap_base || addr > USER_HEAP_LIMIT)
		return heap_break;             /* brk(0) and refused requests report the break */
	/* shrinking gives back the pages wholly above the new break */
	for (uint64_t va = ALIGN_UP(addr, PAGE_SIZE); va < heap_break; va += PAGE_SIZE) {
		void *page = mm_unmap_user(va);
		if (page)
			mm_page_free(page);
	}
	heap_break = addr;
	return heap_break;
}

int vm_handle_fault(uint64_t va, unsigned long cause)
{
	bool stack = in_stack(va), heap = in_heap(va);
	uint64_t page_va = ALIGN_DOWN(va, PAGE_SIZE);

	/* fetches never fault in data pages; a mapped page faulting is a permission error */
	if (cause == CAUSE_FETCH_PAGE_FAULT || !(stack || heap) || mm_lookup(page_va))
		return -EFAULT;
	void *page = mm_page_alloc();
	if (page == NULL)
		return -ENOMEM;
	int err = mm_map_user(page_va, page, PTE_R | PTE_W);
	if (err) {
		mm_page_free(page);
		return err;
	}
	if (stack)
		stack_faults++;
	else
		heap_faults++;
	return 0;
}

unsigned long vm_stack_faults(void)
{
	return stack_faults;
}

unsigned long vm_heap_faults(void)
{
	return heap_faults;
}
