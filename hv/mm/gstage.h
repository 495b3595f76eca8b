/* gstage.h: G-stage (guest-physical to host-physical) page tables, Sv39x4 and Sv48x4.
 * Portable: tables are reached through their host-physical address (identity-mapped), and
 * pages come from a struct page_alloc, so host unit tests run the same code on an arena. */
#ifndef HV_MM_GSTAGE_H
#define HV_MM_GSTAGE_H
#include "base/types.h"
#include "mm/page_alloc.h"

/* Permissions of a mapping */
#define GSTAGE_R 0x1u
#define GSTAGE_W 0x2u
#define GSTAGE_X 0x4u
#define GSTAGE_RWX (GSTAGE_R | GSTAGE_W | GSTAGE_X)

enum gstage_mode { GSTAGE_SV39X4 = 3, GSTAGE_SV48X4 = 4 };   /* value = number of levels */

struct gstage {
	hpa_t root;                 /* 16 KiB, 16 KiB-aligned root table */
	int levels;                 /* 3 (Sv39x4) or 4 (Sv48x4) */
	uint16_t vmid;
	struct page_alloc *pa;
	/* called after every change that may be cached (hfence.gvma); NULL on the host */
	void (*flush)(uint16_t vmid, gpa_t gpa, uint64_t size);
	size_t table_pages;         /* pages used by tables, root included */
};

int gstage_init(struct gstage *gs, struct page_alloc *pa, enum gstage_mode mode, uint16_t vmid);
/* Maps [gpa, gpa+size) to [hpa, ...) with the largest leaves that fit (1 GiB, 2 MiB, 4 KiB).
 * gpa, hpa and size must be 4 KiB-aligned; HV_EEXIST if any page there is already mapped. */
int gstage_map_range(struct gstage *gs, gpa_t gpa, hpa_t hpa, uint64_t size, unsigned perm);
/* Unmaps [gpa, gpa+size), splitting superpages that straddle the edges; frees emptied tables. */
int gstage_unmap_range(struct gstage *gs, gpa_t gpa, uint64_t size);
/* Walks the tables: HV_OK with the translation, the leaf's permissions and size, or HV_ENOENT. */
int gstage_translate(const struct gstage *gs, gpa_t gpa, hpa_t *hpa, unsigned *perm, uint64_t *leaf_size);
/* Frees every table, the root included. */
void gstage_destroy(struct gstage *gs);
/* The hgatp value for this table: mode, VMID, root PPN. */
uint64_t gstage_hgatp(const struct gstage *gs);
/* The highest guest-physical address + 1 the mode can describe (2^41 or 2^50). */
uint64_t gstage_gpa_limit(const struct gstage *gs);

#endif
