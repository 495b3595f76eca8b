/* test_page_alloc.c: the bitmap page allocator on a heap arena standing in for host RAM.
 * unit-sources: hv/mm/page_alloc.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "mm/page_alloc.h"
#include "base/err.h"

#define ARENA_PAGES 1024   /* 4 MiB of "RAM" */

static uint8_t *arena;
static uint64_t ram_base;

static int setup(void **state)
{
	(void)state;
	/* 2 MiB-aligned so alignment checks are about physical addresses */
	arena = aligned_alloc(2 << 20, ARENA_PAGES * PAGE_SIZE);
	ram_base = (uintptr_t)arena;
	return arena ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(arena);
	return 0;
}

static bool in_range(uint64_t a, uint64_t base, uint64_t size)
{
	return a >= base && a < base + size;
}

static void test_alloc_and_free(void **state)
{
	(void)state;
	struct page_alloc pa;
	struct mem_range ram = { ram_base, ARENA_PAGES * PAGE_SIZE };
	assert_int_equal(page_alloc_init(&pa, &ram, 1, NULL, 0), HV_OK);
	size_t free0 = page_alloc_free_count(&pa);
	assert_int_equal(free0, ARENA_PAGES - 1);   /* one page holds the bitmap */

	hpa_t a = page_alloc_pages(&pa, 1, 1);
	hpa_t b = page_alloc_pages(&pa, 3, 1);
	assert_true(a && b);
	assert_true(in_range(a, ram_base, ram.size) && in_range(b + 3 * PAGE_SIZE - 1, ram_base, ram.size));
	assert_true(b >= a + PAGE_SIZE || b + 3 * PAGE_SIZE <= a);   /* no overlap */
	assert_int_equal(page_alloc_free_count(&pa), free0 - 4);
	/* the pages really are usable memory */
	for (size_t i = 0; i < 3 * PAGE_SIZE; i++)
		((uint8_t *)(uintptr_t)b)[i] = 0xa5;
	assert_int_equal(page_free_pages(&pa, b, 3), HV_OK);
	assert_int_equal(page_free_pages(&pa, a, 1), HV_OK);
	assert_int_equal(page_alloc_free_count(&pa), free0);
}

static void test_double_free_and_bad_free(void **state)
{
	(void)state;
	struct page_alloc pa;
	struct mem_range ram = { ram_base, ARENA_PAGES * PAGE_SIZE };
	assert_int_equal(page_alloc_init(&pa, &ram, 1, NULL, 0), HV_OK);
	hpa_t a = page_alloc_pages(&pa, 2, 1);
	assert_int_equal(page_free_pages(&pa, a, 2), HV_OK);
	assert_int_equal(page_free_pages(&pa, a, 2), HV_EINVAL);       /* double free */
	assert_int_equal(page_free_pages(&pa, a + 1, 1), HV_EINVAL);   /* unaligned */
	assert_int_equal(page_free_pages(&pa, ram_base + ram.size, 1), HV_EINVAL);  /* outside */
	assert_int_equal(page_free_pages(&pa, ram_base - PAGE_SIZE, 1), HV_EINVAL);
}

static void test_exhaustion(void **state)
{
	(void)state;
	struct page_alloc pa;
	struct mem_range ram = { ram_base, 64 * PAGE_SIZE };
	assert_int_equal(page_alloc_init(&pa, &ram, 1, NULL, 0), HV_OK);
	size_t n = 0;
	while (page_alloc_pages(&pa, 1, 1))
		n++;
	assert_int_equal(n, 63);
	assert_int_equal(page_alloc_free_count(&pa), 0);
	assert_int_equal(page_alloc_pages(&pa, 1, 1), 0);
	/* a request larger than what is left fails even when some pages are free */
	assert_int_equal(page_free_pages(&pa, ram_base + 10 * PAGE_SIZE, 1), HV_OK);
	assert_int_equal(page_alloc_pages(&pa, 2, 1), 0);
	assert_int_equal(page_alloc_pages(&pa, 1, 1), ram_base + 10 * PAGE_SIZE);
}

static void test_alignment(void **state)
{
	(void)state;
	struct page_alloc pa;
	struct mem_range ram = { ram_base, ARENA_PAGES * PAGE_SIZE };
	assert_int_equal(page_alloc_init(&pa, &ram, 1, NULL, 0), HV_OK);
	assert_true(page_alloc_pages(&pa, 1, 1));   /* disturb the start */
	hpa_t four = page_alloc_pages(&pa, 4, 4);   /* 16 KiB-aligned, as hgatp's root needs */
	assert_int_equal(four % (4 * PAGE_SIZE), 0);
	hpa_t big = page_alloc_pages(&pa, 512, 512);   /* a 2 MiB superpage */
	assert_true(big);
	assert_int_equal(big % (2 << 20), 0);
	assert_int_equal(page_alloc_pages(&pa, 1, 3), 0);   /* not a power of two */
	assert_int_equal(page_alloc_pages(&pa, 0, 1), 0);
}

static void test_reserved_respected(void **state)
{
	(void)state;
	struct page_alloc pa;
	struct mem_range ram = { ram_base, 256 * PAGE_SIZE };
	/* the first 16 pages (like OpenSBI's) and an unaligned range in the middle */
	struct mem_range res[2] = {
		{ ram_base, 16 * PAGE_SIZE },
		{ ram_base + 100 * PAGE_SIZE + 123, 2 * PAGE_SIZE },
	};
	assert_int_equal(page_alloc_init(&pa, &ram, 1, res, 2), HV_OK);
	/* the bitmap is not placed in the reserved range */
	assert_false(in_range((uintptr_t)pa.bitmap, res[0].base, res[0].size));
	/* 256 pages - 16 - 3 (the unaligned range spans three pages) - 1 bitmap page */
	assert_int_equal(page_alloc_free_count(&pa), 256 - 16 - 3 - 1);
	hpa_t p;
	while ((p = page_alloc_pages(&pa, 1, 1))) {
		assert_false(in_range(p, res[0].base, res[0].size));
		assert_false(p + PAGE_SIZE > res[1].base && p < res[1].base + res[1].size);
		assert_false(p == (uintptr_t)pa.bitmap);
	}
}

static void test_two_ram_ranges_with_hole(void **state)
{
	(void)state;
	struct page_alloc pa;
	struct mem_range ram[2] = {
		{ ram_base, 8 * PAGE_SIZE },
		{ ram_base + 32 * PAGE_SIZE, 8 * PAGE_SIZE },
	};
	assert_int_equal(page_alloc_init(&pa, ram, 2, NULL, 0), HV_OK);
	assert_int_equal(page_alloc_free_count(&pa), 15);
	hpa_t p;
	while ((p = page_alloc_pages(&pa, 1, 1)))
		assert_true(in_range(p, ram[0].base, ram[0].size) || in_range(p, ram[1].base, ram[1].size));
	/* no run of 9 crosses the hole */
	assert_int_equal(page_alloc_pages(&pa, 9, 1), 0);
}

static void test_no_ram(void **state)
{
	(void)state;
	struct page_alloc pa;
	assert_int_equal(page_alloc_init(&pa, NULL, 0, NULL, 0), HV_EINVAL);
	struct mem_range ram = { ram_base, PAGE_SIZE };
	struct mem_range all = { ram_base, PAGE_SIZE };
	assert_int_equal(page_alloc_init(&pa, &ram, 1, &all, 1), HV_ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_alloc_and_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_double_free_and_bad_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exhaustion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserved_respected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_ram_ranges_with_hole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_ram, setup, teardown),
	};
	return cmocka_run_group_tests_name("page_alloc", tests, NULL, NULL);
}
