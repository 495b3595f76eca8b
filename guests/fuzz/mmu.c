/* mmu.c: the fuzz guest's two Sv39 page tables. The harness table maps the gigapage of RAM
 * (identity, RWX); the fuzz table maps only the harness page (execute-only), the four scratch
 * pages (identity too) and the handler's context page far away, so every wild access of a random
 * instruction faults inside the guest. */
#include <stdint.h>
#include "lib/csr.h"
#include "fuzz/fuzz.h"

#define SV39_GIGAPAGE  (1UL << 30)
#define PTE_LEAF_AD    (PTE_V | PTE_A | PTE_D)
#define POOL_PAGES     6       /* the fuzz table's level-1 and level-0 tables (two of each, and a spare for a 2 MiB boundary) */

static uint64_t root_harness[512] __attribute__((aligned(FUZZ_PAGE)));
static uint64_t root_fuzz[512] __attribute__((aligned(FUZZ_PAGE)));
static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(FUZZ_PAGE)));
static int pool_used;
struct fuzz_pages fuzz_pages __attribute__((aligned(FUZZ_PAGE)));

static unsigned long satp_of(const uint64_t *root, unsigned long asid)
{
	return (SATP_MODE_SV39 << SATP_MODE_SHIFT) | (asid << FUZZ_SATP_ASID_SHIFT) | ((unsigned long)root >> 12);
}

static uint64_t *next_table(uint64_t *pte)
{
	if (!(*pte & PTE_V)) {
		if (pool_used == POOL_PAGES)
			return 0;
		uint64_t *t = pool[pool_used++];
		*pte = (((unsigned long)t >> 12) << PTE_PPN_SHIFT) | PTE_V;
	}
	return (uint64_t *)((*pte >> PTE_PPN_SHIFT) << 12);
}

/* Maps one 4 KiB page at va in the fuzz table; false when the pool ran out. */
static bool map_page(unsigned long va, unsigned long pa, unsigned long flags)
{
	uint64_t *l1 = next_table(&root_fuzz[(va >> 30) & 511]);
	uint64_t *l0 = l1 ? next_table(&l1[(va >> 21) & 511]) : 0;
	if (!l0)
		return false;
	l0[(va >> 12) & 511] = ((pa >> 12) << PTE_PPN_SHIFT) | flags | PTE_LEAF_AD;
	return true;
}

void fuzz_mmu_build(void)
{
	unsigned long ram = (unsigned long)root_harness & ~(SV39_GIGAPAGE - 1);
	root_harness[ram / SV39_GIGAPAGE] = ((ram >> 12) << PTE_PPN_SHIFT) |
		PTE_R | PTE_W | PTE_X | PTE_LEAF_AD;
	unsigned long code_s = (unsigned long)fuzz_pages.s_code, data_s = (unsigned long)fuzz_pages.s_data;
	unsigned long code_u = (unsigned long)fuzz_pages.u_code, data_u = (unsigned long)fuzz_pages.u_data;
	bool ok = map_page((unsigned long)fuzz_harness_page, (unsigned long)fuzz_harness_page, PTE_X) &&
		  map_page(code_s, code_s, PTE_R | PTE_X) && map_page(data_s, data_s, PTE_R | PTE_W) &&
		  map_page(code_u, code_u, PTE_R | PTE_X | PTE_U) && map_page(data_u, data_u, PTE_R | PTE_W | PTE_U) &&
		  map_page(FUZZ_CTX_VA, (unsigned long)&fuzz_pages.c, PTE_R | PTE_W) &&
		  map_page(FUZZ_ALIAS_S, code_s, PTE_R) && map_page(FUZZ_ALIAS_U, code_u, PTE_R);
	if (!ok)
		__builtin_trap();      /* the pool is sized for these pages */
	sfence_vma_all();
}

unsigned long fuzz_mmu_harness_satp(void)
{
	return satp_of(root_harness, FUZZ_ASID_HARNESS);
}

unsigned long fuzz_mmu_fuzz_satp(void)
{
	return satp_of(root_fuzz, FUZZ_ASID_FUZZ);
}
