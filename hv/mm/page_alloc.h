/* page_alloc.h: physical page allocator over host RAM (a bitmap, one bit per 4 KiB page). */
#ifndef HV_MM_PAGE_ALLOC_H
#define HV_MM_PAGE_ALLOC_H
#include "base/types.h"

struct page_alloc {
	hpa_t base;          /* first page the bitmap describes */
	size_t npages;       /* pages the bitmap describes */
	uint8_t *bitmap;     /* bit set = page in use or not RAM */
	size_t nfree;        /* free pages left */
	size_t hint;         /* where the next search starts */
};

/* Manages every page in `ram` except those in `reserved`; the bitmap itself is carved from free RAM. */
int page_alloc_init(struct page_alloc *pa, const struct mem_range *ram, int nram,
		    const struct mem_range *reserved, int nreserved);
/* npages contiguous pages aligned to align_pages pages (a power of two); 0 when none are free. */
hpa_t page_alloc_pages(struct page_alloc *pa, size_t npages, size_t align_pages);
/* Returns HV_EINVAL for pages outside the allocator or not allocated (double free). */
int page_free_pages(struct page_alloc *pa, hpa_t addr, size_t npages);
size_t page_alloc_free_count(const struct page_alloc *pa);

/* The hypervisor's one allocator, set up at boot. */
extern struct page_alloc hv_pages;

#endif
