/* page_alloc.c: a bitmap page allocator; portable (host unit tests use a heap arena as "RAM"). */
#include <string.h>
#include "mm/page_alloc.h"
#include "base/err.h"

struct page_alloc hv_pages;

static bool page_used(const struct page_alloc *pa, size_t i)
{
	return pa->bitmap[i / 8] & (1u << (i % 8));
}

static void mark_pages(struct page_alloc *pa, size_t first, size_t count, bool used)
{
	for (size_t i = first; i < first + count; i++) {
		if (used == page_used(pa, i))
			continue;
		if (used) {
			pa->bitmap[i / 8] |= (uint8_t)(1u << (i % 8));
			pa->nfree--;
		} else {
			pa->bitmap[i / 8] &= (uint8_t)~(1u << (i % 8));
			pa->nfree++;
		}
	}
}

/* Clamp [base, base+size) to whole pages inside the allocator's span; false if nothing is left. */
static bool span_pages(const struct page_alloc *pa, uint64_t base, uint64_t size, bool inner,
		       size_t *first, size_t *count)
{
	uint64_t lo = inner ? ALIGN_UP(base, PAGE_SIZE) : ALIGN_DOWN(base, PAGE_SIZE);
	uint64_t hi = inner ? ALIGN_DOWN(base + size, PAGE_SIZE) : ALIGN_UP(base + size, PAGE_SIZE);
	uint64_t span_end = pa->base + pa->npages * PAGE_SIZE;
	if (base + size < base)
		hi = span_end;
	if (lo < pa->base)
		lo = pa->base;
	if (hi > span_end)
		hi = span_end;
	if (hi <= lo)
		return false;
	*first = (lo - pa->base) / PAGE_SIZE;
	*count = (hi - lo) / PAGE_SIZE;
	return true;
}

static bool overlaps_reserved(uint64_t lo, uint64_t hi, const struct mem_range *res, int nres)
{
	for (int i = 0; i < nres; i++)
		if (lo < res[i].base + res[i].size && res[i].base < hi)
			return true;
	return false;
}

/* First page-aligned run of `bytes` inside RAM that touches no reserved range. */
static hpa_t find_bitmap_home(const struct mem_range *ram, int nram, const struct mem_range *res,
			      int nres, uint64_t bytes)
{
	for (int r = 0; r < nram; r++) {
		uint64_t lo = ALIGN_UP(ram[r].base, PAGE_SIZE), end = ram[r].base + ram[r].size;
		while (lo + bytes <= end) {
			if (!overlaps_reserved(lo, lo + bytes, res, nres))
				return lo;
			lo += PAGE_SIZE;
		}
	}
	return 0;
}

int page_alloc_init(struct page_alloc *pa, const struct mem_range *ram, int nram,
		    const struct mem_range *reserved, int nreserved)
{
	uint64_t lo = UINT64_MAX, hi = 0;
	if (nram <= 0)
		return HV_EINVAL;
	for (int i = 0; i < nram; i++) {
		if (ram[i].base < lo)
			lo = ram[i].base;
		if (ram[i].base + ram[i].size > hi)
			hi = ram[i].base + ram[i].size;
	}
	lo = ALIGN_UP(lo, PAGE_SIZE);
	hi = ALIGN_DOWN(hi, PAGE_SIZE);
	if (hi <= lo)
		return HV_EINVAL;

	size_t npages = (hi - lo) / PAGE_SIZE;
	uint64_t bitmap_bytes = ALIGN_UP((npages + 7) / 8, PAGE_SIZE);
	hpa_t home = find_bitmap_home(ram, nram, reserved, nreserved, bitmap_bytes);
	if (!home)
		return HV_ENOMEM;

	pa->base = lo;
	pa->npages = npages;
	pa->bitmap = (uint8_t *)(uintptr_t)home;
	pa->nfree = 0;
	pa->hint = 0;
	memset(pa->bitmap, 0xff, (npages + 7) / 8);   /* everything used until proven RAM */

	size_t first, count;
	for (int i = 0; i < nram; i++)
		if (span_pages(pa, ram[i].base, ram[i].size, true, &first, &count))
			mark_pages(pa, first, count, false);
	for (int i = 0; i < nreserved; i++)
		if (span_pages(pa, reserved[i].base, reserved[i].size, false, &first, &count))
			mark_pages(pa, first, count, true);
	if (span_pages(pa, home, bitmap_bytes, false, &first, &count))
		mark_pages(pa, first, count, true);
	return HV_OK;
}

static bool run_is_free(const struct page_alloc *pa, size_t first, size_t npages)
{
	for (size_t i = first; i < first + npages; i++)
		if (page_used(pa, i))
			return false;
	return true;
}

static hpa_t search_from(struct page_alloc *pa, size_t start, size_t npages, size_t align)
{
	/* align relative to physical addresses, not to the bitmap's first page */
	size_t base_pfn = pa->base / PAGE_SIZE;
	size_t i = ALIGN_UP(base_pfn + start, align) - base_pfn;
	while (i + npages <= pa->npages) {
		if (run_is_free(pa, i, npages)) {
			mark_pages(pa, i, npages, true);
			pa->hint = i + npages;
			return pa->base + i * PAGE_SIZE;
		}
		i += align;
	}
	return 0;
}

hpa_t page_alloc_pages(struct page_alloc *pa, size_t npages, size_t align_pages)
{
	if (npages == 0 || npages > pa->nfree || align_pages == 0 || (align_pages & (align_pages - 1)))
		return 0;
	hpa_t got = search_from(pa, pa->hint, npages, align_pages);
	if (!got && pa->hint)
		got = search_from(pa, 0, npages, align_pages);
	return got;
}

int page_free_pages(struct page_alloc *pa, hpa_t addr, size_t npages)
{
	if (addr % PAGE_SIZE || addr < pa->base || npages == 0)
		return HV_EINVAL;
	size_t first = (addr - pa->base) / PAGE_SIZE;
	if (first >= pa->npages || npages > pa->npages - first)
		return HV_EINVAL;
	for (size_t i = first; i < first + npages; i++)
		if (!page_used(pa, i))
			return HV_EINVAL;
	mark_pages(pa, first, npages, false);
	if (first < pa->hint)
		pa->hint = first;
	return HV_OK;
}

size_t page_alloc_free_count(const struct page_alloc *pa)
{
	return pa->nfree;
}
