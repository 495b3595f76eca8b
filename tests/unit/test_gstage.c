/* test_gstage.c: G-stage table builder (Sv39x4/Sv48x4) on a heap arena standing in for host RAM.
 * unit-sources: hv/mm/gstage.c hv/mm/page_alloc.c
 * Expected values come from the RISC-V privileged spec (H extension), not from the code under test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gstage.h"
#include "base/err.h"

#define ARENA_PAGES 1024   /* 4 MiB of "RAM" for tables */
#define KiB4 0x1000UL
#define MiB2 0x200000UL
#define GiB1 0x40000000UL

/* PTE bits from the spec, spelled out independently of gstage.c */
#define V 0x01UL
#define R 0x02UL
#define W 0x04UL
#define X 0x08UL
#define U 0x10UL
#define A 0x40UL
#define D 0x80UL

static uint8_t *arena;
static struct page_alloc pa;

static int setup(void **state)
{
	(void)state;
	arena = aligned_alloc(2 << 20, ARENA_PAGES * PAGE_SIZE);
	if (!arena)
		return -1;
	struct mem_range ram = { (uintptr_t)arena, ARENA_PAGES * PAGE_SIZE };
	return page_alloc_init(&pa, &ram, 1, NULL, 0) == HV_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(arena);
	return 0;
}

static uint64_t *tbl(uint64_t addr)
{
	return (uint64_t *)(uintptr_t)addr;
}

static uint64_t pte_pa(uint64_t pte)
{
	return ((pte >> 10) & ((1UL << 44) - 1)) << 12;
}

/* Reads the PTE for gpa at `level` straight from table memory (0 if the walk stops earlier). */
static uint64_t raw_pte(const struct gstage *gs, uint64_t gpa, int level)
{
	uint64_t t = gs->root;
	for (int l = gs->levels - 1; l >= level; l--) {
		unsigned mask = l == gs->levels - 1 ? 0x7ff : 0x1ff;
		uint64_t e = tbl(t)[(gpa >> (12 + 9 * l)) & mask];
		if (l == level)
			return e;
		if (!(e & V) || (e & (R | W | X)))
			return 0;
		t = pte_pa(e);
	}
	return 0;
}

/* Counts the leaves under table t by level (counts[0] = 4K, [1] = 2M, [2] = 1G). */
static void count_leaves(uint64_t t, int level, size_t entries, size_t counts[4])
{
	for (size_t i = 0; i < entries; i++) {
		uint64_t e = tbl(t)[i];
		if (!(e & V))
			continue;
		if (e & (R | W | X))
			counts[level]++;
		else
			count_leaves(pte_pa(e), level - 1, 512, counts);
	}
}

static void leaves(const struct gstage *gs, size_t counts[4])
{
	memset(counts, 0, 4 * sizeof(size_t));
	count_leaves(gs->root, gs->levels - 1, 2048, counts);
}

static void assert_maps(const struct gstage *gs, uint64_t gpa, uint64_t hpa, unsigned perm,
			uint64_t leaf)
{
	hpa_t h = 0;
	unsigned p = 0;
	uint64_t sz = 0;
	assert_int_equal(gstage_translate(gs, gpa, &h, &p, &sz), HV_OK);
	assert_int_equal(h, hpa);
	assert_int_equal(p, perm);
	assert_int_equal(sz, leaf);
}

static void assert_unmapped(const struct gstage *gs, uint64_t gpa)
{
	hpa_t h;
	unsigned p;
	uint64_t sz;
	assert_int_equal(gstage_translate(gs, gpa, &h, &p, &sz), HV_ENOENT);
}

static bool root_is_zero(const struct gstage *gs)
{
	for (size_t i = 0; i < 2048; i++)
		if (tbl(gs->root)[i])
			return false;
	return true;
}

static void test_init_and_hgatp(void **state)
{
	(void)state;
	struct gstage gs;
	size_t free0 = page_alloc_free_count(&pa);
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 5), HV_OK);
	assert_int_equal(gs.root % 0x4000, 0);
	assert_int_equal(gs.table_pages, 4);
	assert_int_equal(page_alloc_free_count(&pa), free0 - 4);
	assert_true(root_is_zero(&gs));
	assert_int_equal(gstage_hgatp(&gs), (8UL << 60) | (5UL << 44) | (gs.root >> 12));
	assert_int_equal(gstage_gpa_limit(&gs), 1UL << 41);
	gstage_destroy(&gs);

	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV48X4, 0x3fff), HV_OK);
	assert_int_equal(gstage_hgatp(&gs), (9UL << 60) | (0x3fffUL << 44) | (gs.root >> 12));
	assert_int_equal(gstage_gpa_limit(&gs), 1UL << 50);
	gstage_destroy(&gs);
	assert_int_equal(page_alloc_free_count(&pa), free0);

	assert_int_equal(gstage_init(&gs, &pa, (enum gstage_mode)5, 1), HV_EINVAL);
	assert_int_equal(gstage_init(&gs, &pa, (enum gstage_mode)0, 1), HV_EINVAL);
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 0x4000), HV_EINVAL);   /* VMID is 14 bits */
	assert_int_equal(page_alloc_free_count(&pa), free0);
}

static void test_init_enomem(void **state)
{
	(void)state;
	struct gstage gs;
	while (page_alloc_free_count(&pa) > 3)
		assert_true(page_alloc_pages(&pa, 1, 1));
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_ENOMEM);
	assert_int_equal(page_alloc_free_count(&pa), 3);
}

static void test_map_4k_pte_bits(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80000000UL, hpa = 0x123456000UL;
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, KiB4, GSTAGE_R | GSTAGE_W), HV_OK);
	assert_int_equal(gs.table_pages, 4 + 2);
	/* root entry 2 (bits 40:30) and the level-1 entry are pointers: V only */
	uint64_t l2 = tbl(gs.root)[2];
	assert_int_equal(l2 & 0x3ff, V);
	assert_int_equal(raw_pte(&gs, gpa, 1) & 0x3ff, V);
	/* the leaf: V R W U A D, X clear, PPN = hpa >> 12 */
	assert_int_equal(raw_pte(&gs, gpa, 0), ((hpa >> 12) << 10) | V | R | W | U | A | D);
	assert_maps(&gs, gpa, hpa, GSTAGE_R | GSTAGE_W, KiB4);
	assert_maps(&gs, gpa + 0x9a8, hpa + 0x9a8, GSTAGE_R | GSTAGE_W, KiB4);
	assert_unmapped(&gs, gpa + KiB4);
	assert_unmapped(&gs, gpa - KiB4);

	/* execute-only and read-execute leaves */
	assert_int_equal(gstage_map_range(&gs, gpa + KiB4, hpa, KiB4, GSTAGE_X), HV_OK);
	assert_int_equal(raw_pte(&gs, gpa + KiB4, 0), ((hpa >> 12) << 10) | V | X | U | A | D);
	assert_int_equal(gstage_map_range(&gs, gpa + 2 * KiB4, hpa, KiB4, GSTAGE_R | GSTAGE_X), HV_OK);
	assert_int_equal(raw_pte(&gs, gpa + 2 * KiB4, 0), ((hpa >> 12) << 10) | V | R | X | U | A | D);
	assert_int_equal(gs.table_pages, 4 + 2);
	gstage_destroy(&gs);
}

static void test_map_1g_2m_4k(void **state)
{
	(void)state;
	struct gstage gs;
	size_t n[4];
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80000000UL, hpa = 0x200000000UL;
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, GiB1 + MiB2 + KiB4, GSTAGE_RWX), HV_OK);
	leaves(&gs, n);
	assert_int_equal(n[2], 1);
	assert_int_equal(n[1], 1);
	assert_int_equal(n[0], 1);
	assert_int_equal(gs.table_pages, 4 + 2);
	assert_int_equal(raw_pte(&gs, gpa, 2), ((hpa >> 12) << 10) | V | R | W | X | U | A | D);
	assert_maps(&gs, gpa, hpa, GSTAGE_RWX, GiB1);
	assert_maps(&gs, gpa + 0x3fffffffUL, hpa + 0x3fffffffUL, GSTAGE_RWX, GiB1);
	assert_maps(&gs, gpa + GiB1 + 0x12345, hpa + GiB1 + 0x12345, GSTAGE_RWX, MiB2);
	assert_maps(&gs, gpa + GiB1 + MiB2 + 0x10, hpa + GiB1 + MiB2 + 0x10, GSTAGE_RWX, KiB4);
	assert_unmapped(&gs, gpa + GiB1 + MiB2 + KiB4);
	gstage_destroy(&gs);
}

static void test_map_6m_uses_2m_leaves(void **state)
{
	(void)state;
	struct gstage gs;
	size_t n[4];
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80400000UL, hpa = 0x90600000UL;
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, 3 * MiB2, GSTAGE_R), HV_OK);
	leaves(&gs, n);
	assert_int_equal(n[1], 3);
	assert_int_equal(n[0] + n[2], 0);
	assert_int_equal(gs.table_pages, 4 + 1);
	for (int i = 0; i < 3; i++)
		assert_maps(&gs, gpa + i * MiB2 + 0x1000, hpa + i * MiB2 + 0x1000, GSTAGE_R, MiB2);
	gstage_destroy(&gs);
}

static void test_misaligned_hpa_forces_4k(void **state)
{
	(void)state;
	struct gstage gs;
	size_t n[4];
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80000000UL, hpa = 0x90201000UL;   /* 4 KiB- but not 2 MiB-aligned */
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, MiB2, GSTAGE_RWX), HV_OK);
	leaves(&gs, n);
	assert_int_equal(n[0], 512);
	assert_int_equal(n[1] + n[2], 0);
	assert_maps(&gs, gpa, hpa, GSTAGE_RWX, KiB4);
	assert_maps(&gs, gpa + MiB2 - KiB4, hpa + MiB2 - KiB4, GSTAGE_RWX, KiB4);
	gstage_destroy(&gs);
}

static void test_bad_args(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t g = 0x80000000UL, h = 0x90000000UL;
	assert_int_equal(gstage_map_range(&gs, g + 8, h, KiB4, GSTAGE_R), HV_EINVAL);
	assert_int_equal(gstage_map_range(&gs, g, h + 0x800, KiB4, GSTAGE_R), HV_EINVAL);
	assert_int_equal(gstage_map_range(&gs, g, h, 100, GSTAGE_R), HV_EINVAL);
	assert_int_equal(gstage_map_range(&gs, g, h, 0, GSTAGE_R), HV_EINVAL);
	assert_int_equal(gstage_map_range(&gs, g, h, KiB4, 0), HV_EINVAL);
	assert_int_equal(gstage_map_range(&gs, g, h, KiB4, GSTAGE_W), HV_EINVAL);   /* W without R */
	assert_int_equal(gstage_map_range(&gs, g, h, KiB4, GSTAGE_W | GSTAGE_X), HV_EINVAL);
	assert_int_equal(gstage_map_range(&gs, g, h, KiB4, 0x8), HV_EINVAL);
	assert_int_equal(gstage_map_range(&gs, -KiB4, h, 2 * KiB4, GSTAGE_R), HV_ERANGE);   /* wraps */
	assert_int_equal(gstage_map_range(&gs, g, -KiB4, 2 * KiB4, GSTAGE_R), HV_ERANGE);
	assert_int_equal(gstage_unmap_range(&gs, g + 8, KiB4), HV_EINVAL);
	assert_int_equal(gstage_unmap_range(&gs, g, 0), HV_EINVAL);
	assert_int_equal(gstage_unmap_range(&gs, 1UL << 41, KiB4), HV_ERANGE);
	assert_true(root_is_zero(&gs));
	assert_int_equal(gs.table_pages, 4);
	gstage_destroy(&gs);
}

static void test_sv48x4_high_gpa(void **state)
{
	(void)state;
	struct gstage g39, g48;
	assert_int_equal(gstage_init(&g39, &pa, GSTAGE_SV39X4, 1), HV_OK);
	assert_int_equal(gstage_init(&g48, &pa, GSTAGE_SV48X4, 2), HV_OK);
	uint64_t high = 1UL << 41, hpa = 0x80000000UL;
	assert_int_equal(gstage_map_range(&g39, high, hpa, KiB4, GSTAGE_R), HV_ERANGE);
	assert_int_equal(gstage_map_range(&g39, high - KiB4, hpa, 2 * KiB4, GSTAGE_R), HV_ERANGE);
	/* the last page below 2^41 is fine */
	assert_int_equal(gstage_map_range(&g39, high - KiB4, hpa, KiB4, GSTAGE_R), HV_OK);
	assert_maps(&g39, high - KiB4, hpa, GSTAGE_R, KiB4);
	assert_int_equal(tbl(g39.root)[2047] & 0x3ff, V);   /* bits 40:30 all ones */
	assert_unmapped(&g39, high);

	assert_int_equal(gstage_map_range(&g48, high, hpa, KiB4, GSTAGE_R), HV_OK);
	assert_maps(&g48, high, hpa, GSTAGE_R, KiB4);
	uint64_t top = (1UL << 50) - GiB1;   /* a 1 GiB leaf at the top of the Sv48x4 space */
	assert_int_equal(gstage_map_range(&g48, top, 0x100000000UL, GiB1, GSTAGE_RWX), HV_OK);
	assert_maps(&g48, top + 0x1234, 0x100001234UL, GSTAGE_RWX, GiB1);
	assert_int_equal(tbl(g48.root)[2047] & 0x3ff, V);   /* bits 49:39 all ones */
	assert_int_equal(raw_pte(&g48, top, 2) & 0x3ff, V | R | W | X | U | A | D);
	assert_int_equal(gstage_map_range(&g48, 1UL << 50, hpa, KiB4, GSTAGE_R), HV_ERANGE);
	assert_int_equal(g48.table_pages, 4 + 3 + 1);   /* L2+L1+L0 for 2^41, one L2 for the top */
	gstage_destroy(&g39);
	gstage_destroy(&g48);
}

static void test_overlap_leaves_table_unchanged(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80200000UL, hpa = 0x90200000UL;
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, MiB2, GSTAGE_RWX), HV_OK);
	size_t free1 = page_alloc_free_count(&pa), pages1 = gs.table_pages;
	uint64_t root_copy[2048];
	memcpy(root_copy, tbl(gs.root), sizeof(root_copy));

	/* the free 2 MiB below plus one page of the mapping: would need new tables first */
	assert_int_equal(gstage_map_range(&gs, gpa - 2 * KiB4, hpa, 3 * KiB4, GSTAGE_R), HV_EEXIST);
	assert_int_equal(gstage_map_range(&gs, gpa + MiB2 - KiB4, hpa, GiB1, GSTAGE_R), HV_EEXIST);
	assert_int_equal(gstage_map_range(&gs, gpa + 5 * KiB4, hpa, KiB4, GSTAGE_R), HV_EEXIST);
	assert_int_equal(page_alloc_free_count(&pa), free1);
	assert_int_equal(gs.table_pages, pages1);
	assert_memory_equal(root_copy, tbl(gs.root), sizeof(root_copy));
	assert_unmapped(&gs, gpa - 2 * KiB4);
	assert_unmapped(&gs, gpa + MiB2);
	assert_maps(&gs, gpa, hpa, GSTAGE_RWX, MiB2);

	/* a 4 KiB mapping inside a table also blocks a map over it */
	assert_int_equal(gstage_map_range(&gs, gpa + 2 * MiB2 + KiB4, hpa, KiB4, GSTAGE_R), HV_OK);
	assert_int_equal(gstage_map_range(&gs, gpa + 2 * MiB2, hpa, MiB2, GSTAGE_R), HV_EEXIST);
	assert_unmapped(&gs, gpa + 2 * MiB2);
	gstage_destroy(&gs);
}

static void test_unmap_frees_tables(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	size_t free0 = page_alloc_free_count(&pa);
	uint64_t gpa = 0x80000000UL - 3 * KiB4;   /* crosses a 1 GiB boundary: 4 tables */
	assert_int_equal(gstage_map_range(&gs, gpa, 0x90000000UL, 6 * KiB4, GSTAGE_RWX), HV_OK);
	assert_int_equal(gs.table_pages, 4 + 4);
	assert_int_equal(page_alloc_free_count(&pa), free0 - 4);
	/* unmapping one side frees that side's two tables only */
	assert_int_equal(gstage_unmap_range(&gs, 0x80000000UL, 3 * KiB4), HV_OK);
	assert_int_equal(page_alloc_free_count(&pa), free0 - 2);
	assert_maps(&gs, gpa, 0x90000000UL, GSTAGE_RWX, KiB4);
	assert_int_equal(gstage_unmap_range(&gs, gpa, 3 * KiB4), HV_OK);
	assert_int_equal(page_alloc_free_count(&pa), free0);
	assert_int_equal(gs.table_pages, 4);
	assert_true(root_is_zero(&gs));
	/* unmapping what is not mapped is fine */
	assert_int_equal(gstage_unmap_range(&gs, 0, GiB1 * 4), HV_OK);
	assert_int_equal(page_alloc_free_count(&pa), free0);
	gstage_destroy(&gs);
}

static void test_unmap_splits_2m(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80200000UL, hpa = 0xa0400000UL, hole = gpa + 256 * KiB4;
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, MiB2, GSTAGE_R | GSTAGE_X), HV_OK);
	size_t free1 = page_alloc_free_count(&pa);
	assert_int_equal(gstage_unmap_range(&gs, hole, KiB4), HV_OK);
	assert_int_equal(page_alloc_free_count(&pa), free1 - 1);   /* one new 4 KiB table */
	for (uint64_t i = 0; i < 512; i++) {
		if (gpa + i * KiB4 == hole)
			assert_unmapped(&gs, hole);
		else
			assert_maps(&gs, gpa + i * KiB4 + 0x7, hpa + i * KiB4 + 0x7, GSTAGE_R | GSTAGE_X, KiB4);
	}
	/* the split leaves keep the original bits */
	assert_int_equal(raw_pte(&gs, gpa + KiB4, 0), (((hpa + KiB4) >> 12) << 10) | V | R | X | U | A | D);
	assert_int_equal(gstage_unmap_range(&gs, gpa, MiB2), HV_OK);
	assert_int_equal(gs.table_pages, 4);
	assert_true(root_is_zero(&gs));
	gstage_destroy(&gs);
}

static void test_unmap_splits_1g_edges(void **state)
{
	(void)state;
	struct gstage gs;
	size_t n[4];
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80000000UL, hpa = 0x100000000UL;
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, GiB1, GSTAGE_RWX), HV_OK);
	/* [gpa+4K, gpa+4M+4K): the start splits to 4K, the middle drops 2M leaves, the end splits */
	assert_int_equal(gstage_unmap_range(&gs, gpa + KiB4, 2 * MiB2), HV_OK);
	assert_maps(&gs, gpa, hpa, GSTAGE_RWX, KiB4);
	assert_unmapped(&gs, gpa + KiB4);
	assert_unmapped(&gs, gpa + MiB2);
	assert_unmapped(&gs, gpa + 2 * MiB2);
	assert_maps(&gs, gpa + 2 * MiB2 + KiB4, hpa + 2 * MiB2 + KiB4, GSTAGE_RWX, KiB4);
	assert_maps(&gs, gpa + 3 * MiB2, hpa + 3 * MiB2, GSTAGE_RWX, MiB2);
	assert_maps(&gs, gpa + GiB1 - 1, hpa + GiB1 - 1, GSTAGE_RWX, MiB2);
	leaves(&gs, n);
	assert_int_equal(n[2], 0);
	assert_int_equal(n[1], 512 - 3);
	assert_int_equal(n[0], 1 + 511);
	assert_int_equal(gs.table_pages, 4 + 3);
	gstage_destroy(&gs);
}

static unsigned flush_calls;
static uint16_t flush_vmid;
static uint64_t flush_gpa, flush_size;

static void record_flush(uint16_t vmid, gpa_t gpa, uint64_t size)
{
	flush_calls++;
	flush_vmid = vmid;
	flush_gpa = gpa;
	flush_size = size;
}

static void test_flush_called(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 7), HV_OK);
	gs.flush = record_flush;
	flush_calls = 0;
	assert_int_equal(gstage_map_range(&gs, 0x80000000UL, 0x90000000UL, MiB2, GSTAGE_R), HV_OK);
	assert_int_equal(flush_calls, 1);
	assert_int_equal(flush_vmid, 7);
	assert_int_equal(flush_gpa, 0x80000000UL);
	assert_int_equal(flush_size, MiB2);
	assert_int_equal(gstage_map_range(&gs, 0x80000000UL, 0x90000000UL, KiB4, GSTAGE_R), HV_EEXIST);
	assert_int_equal(flush_calls, 1);
	assert_int_equal(gstage_unmap_range(&gs, 0x80001000UL, KiB4), HV_OK);
	assert_int_equal(flush_calls, 2);
	assert_int_equal(flush_gpa, 0x80001000UL);
	assert_int_equal(flush_size, KiB4);
	gstage_destroy(&gs);
}

static void test_destroy_returns_every_page(void **state)
{
	(void)state;
	struct gstage g39, g48;
	size_t free0 = page_alloc_free_count(&pa);
	assert_int_equal(gstage_init(&g39, &pa, GSTAGE_SV39X4, 1), HV_OK);
	assert_int_equal(gstage_init(&g48, &pa, GSTAGE_SV48X4, 2), HV_OK);
	for (uint64_t i = 0; i < 8; i++) {
		uint64_t g = i * 3 * GiB1 + i * MiB2, h = (i << 44) + i * KiB4;
		assert_int_equal(gstage_map_range(&g39, g, 0x80000000UL, GiB1 + KiB4, GSTAGE_RWX), HV_OK);
		assert_int_equal(gstage_map_range(&g48, h, 0x80001000UL, 3 * MiB2, GSTAGE_R), HV_OK);
	}
	/* the upper root entries (index >= 512) must be freed too */
	assert_int_equal(gstage_map_range(&g39, (1UL << 41) - MiB2, 0x80000000UL, KiB4, GSTAGE_R), HV_OK);
	assert_int_equal(gstage_map_range(&g48, (1UL << 50) - KiB4, 0x80000000UL, KiB4, GSTAGE_R), HV_OK);
	assert_int_equal(gstage_unmap_range(&g39, GiB1 * 3 + MiB2 + 0x3000, KiB4), HV_OK);
	assert_int_equal(free0 - page_alloc_free_count(&pa), g39.table_pages + g48.table_pages);
	gstage_destroy(&g39);
	gstage_destroy(&g48);
	assert_int_equal(page_alloc_free_count(&pa), free0);
}

static void exhaust_to(size_t left)
{
	while (page_alloc_free_count(&pa) > left)
		assert_true(page_alloc_pages(&pa, 1, 1));
}

static void test_map_enomem_no_leak(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	gs.flush = record_flush;
	/* an existing mapping whose level-1 table the next map shares */
	assert_int_equal(gstage_map_range(&gs, 0x80000000UL, 0x90000000UL, KiB4, GSTAGE_R), HV_OK);
	size_t pages1 = gs.table_pages;

	/* [4G-12K, 4G+12K) needs 2 fresh tables on each side of the 1 GiB line; only 3 are
	 * left, so the first half gets mapped before the allocator runs dry */
	exhaust_to(3);
	uint64_t gpa = 0x100000000UL - 3 * KiB4;
	assert_int_equal(gstage_map_range(&gs, gpa, 0xa0000000UL, 6 * KiB4, GSTAGE_RWX), HV_ENOMEM);
	assert_int_equal(page_alloc_free_count(&pa), 3);
	assert_int_equal(gs.table_pages, pages1);
	for (int i = 0; i < 6; i++)
		assert_unmapped(&gs, gpa + i * KiB4);

	/* needs one level-0 table under the existing level-1 table, and none is left */
	exhaust_to(0);
	assert_int_equal(gstage_map_range(&gs, 0x80200000UL, 0x90000000UL, KiB4, GSTAGE_R), HV_ENOMEM);
	assert_int_equal(gs.table_pages, pages1);
	assert_unmapped(&gs, 0x80200000UL);
	assert_maps(&gs, 0x80000000UL, 0x90000000UL, GSTAGE_R, KiB4);
	/* a 2 MiB leaf needs no new table: still works with no memory */
	assert_int_equal(gstage_map_range(&gs, 0x80400000UL, 0x90400000UL, MiB2, GSTAGE_R), HV_OK);
	assert_maps(&gs, 0x80400000UL, 0x90400000UL, GSTAGE_R, MiB2);
	gstage_destroy(&gs);
}

static void test_unmap_enomem_keeps_mapping(void **state)
{
	(void)state;
	struct gstage gs;
	assert_int_equal(gstage_init(&gs, &pa, GSTAGE_SV39X4, 1), HV_OK);
	uint64_t gpa = 0x80200000UL, hpa = 0x90200000UL;
	assert_int_equal(gstage_map_range(&gs, gpa, hpa, MiB2, GSTAGE_RWX), HV_OK);
	exhaust_to(0);
	assert_int_equal(gstage_unmap_range(&gs, gpa + KiB4, KiB4), HV_ENOMEM);
	assert_maps(&gs, gpa + KiB4, hpa + KiB4, GSTAGE_RWX, MiB2);
	/* unmapping the whole superpage needs no split */
	assert_int_equal(gstage_unmap_range(&gs, gpa, MiB2), HV_OK);
	assert_unmapped(&gs, gpa);
	assert_int_equal(gs.table_pages, 4 + 0);
	gstage_destroy(&gs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_and_hgatp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_enomem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_4k_pte_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_1g_2m_4k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_6m_uses_2m_leaves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_misaligned_hpa_forces_4k, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_args, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sv48x4_high_gpa, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlap_leaves_table_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_frees_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_splits_2m, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_splits_1g_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush_called, setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_returns_every_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_enomem_no_leak, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_enomem_keeps_mapping, setup, teardown),
	};
	return cmocka_run_group_tests_name("gstage", tests, NULL, NULL);
}
