/* mm.c: the kernel's memory: a page allocator (a free list over a range of RAM, handed out from
 * the bottom up) and the one Sv39 page table, which holds the kernel's identity-mapped megapages
 * (global, U=0) and the process's 4 KiB user pages. The kernel's RAM is identity-mapped, so a
 * page's physical address is also the kernel's pointer to it, with paging on or off. */
#include <string.h>
#include "lib/csr.h"
#include "kernel.h"

#define MEGAPAGE        (1UL << 21)
#define VPN(va, level)  (((va) >> (12 + 9 * (level))) & 0x1ff)
#define PTE_LEAF        (PTE_R | PTE_W | PTE_X)
#define PTE_TO_PA(pte)  (((pte) >> PTE_PPN_SHIFT) << 12)
#define PA_TO_PTE(pa)   (((uint64_t)(pa) >> 12) << PTE_PPN_SHIFT)

struct free_page {
	struct free_page *next;
};

static uint64_t pool_next, pool_end;     /* never handed out yet: [pool_next, pool_end) */
static struct free_page *free_list;      /* handed out, then given back */
static uint64_t *root;                   /* the Sv39 root table */

int mm_init(uint64_t start, uint64_t end)
{
	pool_next = ALIGN_UP(start, PAGE_SIZE);
	pool_end = ALIGN_DOWN(end, PAGE_SIZE);
	free_list = NULL;
	root = mm_page_alloc();
	return root ? 0 : -ENOMEM;
}

void *mm_page_alloc(void)
{
	void *page;
	if (free_list) {
		page = free_list;
		free_list = free_list->next;
	} else if (pool_next < pool_end) {
		page = (void *)(uintptr_t)pool_next;
		pool_next += PAGE_SIZE;
	} else {
		return NULL;
	}
	memset(page, 0, PAGE_SIZE);
	return page;
}

void mm_page_free(void *page)
{
	struct free_page *p = page;
	p->next = free_list;
	free_list = p;
}

unsigned long mm_pages_free(void)
{
	unsigned long n = (pool_end - pool_next) / PAGE_SIZE;
	for (struct free_page *p = free_list; p; p = p->next)
		n++;
	return n;
}

/* The PTE slot for va at level (0: 4 KiB, 1: 2 MiB), creating the tables above it when alloc.
 * NULL when a table cannot be allocated or a larger leaf already covers va. */
static uint64_t *walk(uint64_t va, int level, bool alloc)
{
	uint64_t *table = root;
	for (int l = 2; l > level; l--) {
		uint64_t *pte = &table[VPN(va, l)];
		if (*pte & PTE_V) {
			if (*pte & PTE_LEAF)
				return NULL;
			table = (uint64_t *)(uintptr_t)PTE_TO_PA(*pte);
			continue;
		}
		if (!alloc)
			return NULL;
		uint64_t *next = mm_page_alloc();
		if (next == NULL)
			return NULL;
		*pte = PA_TO_PTE(next) | PTE_V;      /* a pointer to the next level: no R/W/X, U, A, D */
		table = next;
	}
	return &table[VPN(va, level)];
}

static void flush_va(uint64_t va)
{
	__asm__ volatile("sfence.vma %0, zero" :: "r"(va) : "memory");
}

int mm_map_kernel(uint64_t base, uint64_t size, unsigned long perm)
{
	uint64_t end = ALIGN_UP(base + size, MEGAPAGE);
	for (uint64_t va = ALIGN_DOWN(base, MEGAPAGE); va < end; va += MEGAPAGE) {
		uint64_t *pte = walk(va, 1, true);
		if (pte == NULL)
			return -ENOMEM;
		if (*pte & PTE_V)
			return -EINVAL;
		*pte = PA_TO_PTE(va) | (perm & PTE_LEAF) | PTE_V | PTE_G | PTE_A | PTE_D;
	}
	sfence_vma_all();
	return 0;
}

int mm_map_user(uint64_t va, void *page, unsigned long perm)
{
	uint64_t *pte = walk(va, 0, true);
	if (pte == NULL)
		return -ENOMEM;
	if (*pte & PTE_V)
		return -EINVAL;
	*pte = PA_TO_PTE(page) | (perm & PTE_LEAF) | PTE_V | PTE_U | PTE_A | PTE_D;
	flush_va(va);
	return 0;
}

void *mm_unmap_user(uint64_t va)
{
	uint64_t *pte = walk(va, 0, false);
	if (pte == NULL || !(*pte & PTE_V) || !(*pte & PTE_U))
		return NULL;
	void *page = (void *)(uintptr_t)PTE_TO_PA(*pte);
	*pte = 0;
	flush_va(va);
	return page;
}

uint64_t *mm_lookup(uint64_t va)
{
	uint64_t *table = root;
	for (int l = 2; l >= 0; l--) {
		uint64_t *pte = &table[VPN(va, l)];
		if (!(*pte & PTE_V))
			return NULL;
		if (*pte & PTE_LEAF)
			return pte;
		table = (uint64_t *)(uintptr_t)PTE_TO_PA(*pte);
	}
	return NULL;
}

void mm_enable_paging(void)
{
	csr_write(CSR_SATP, (SATP_MODE_SV39 << SATP_MODE_SHIFT) | ((uint64_t)(uintptr_t)root >> 12));
	sfence_vma_all();
}
