/* gstage.c: builds, walks and tears down Sv39x4/Sv48x4 G-stage page tables (portable C). */
#include <string.h>
#include "mm/gstage.h"
#include "base/err.h"
#include "riscv/csr.h"

#define PT_ENTRIES 512             /* entries of a 4 KiB table */
#define ROOT_ENTRIES 2048          /* entries of the 16 KiB x4 root */
#define ROOT_PAGES 4
#define LEVEL_BITS 9
#define MAX_LEAF_LEVEL 2           /* 1 GiB leaves; no 512 GiB leaves in Sv48x4 */
#define HPA_LIMIT (1UL << (PAGE_SHIFT + 44))   /* what a 44-bit PPN can name */

typedef uint64_t pte_t;

static pte_t *table_at(hpa_t addr)
{
	return (pte_t *)(uintptr_t)addr;
}

static unsigned level_shift(int level)
{
	return PAGE_SHIFT + LEVEL_BITS * (unsigned)level;
}

static uint64_t level_size(int level)
{
	return 1UL << level_shift(level);
}

static size_t pte_index(const struct gstage *gs, int level, gpa_t gpa)
{
	size_t n = level == gs->levels - 1 ? ROOT_ENTRIES : PT_ENTRIES;
	return (size_t)(gpa >> level_shift(level)) & (n - 1);
}

static bool pte_valid(pte_t e)
{
	return e & PTE_V;
}

static bool pte_is_leaf(pte_t e)
{
	return (e & PTE_V) && (e & PTE_RWX);
}

static hpa_t pte_addr(pte_t e)
{
	return ((e >> PTE_PPN_SHIFT) & PTE_PPN_MASK) << PAGE_SHIFT;
}

static pte_t pte_make(hpa_t addr, uint64_t flags)
{
	return ((addr >> PAGE_SHIFT) << PTE_PPN_SHIFT) | flags;
}

static uint64_t leaf_flags(unsigned perm)
{
	uint64_t f = PTE_V | PTE_U | PTE_A | PTE_D;
	if (perm & GSTAGE_R)
		f |= PTE_R;
	if (perm & GSTAGE_W)
		f |= PTE_W;
	if (perm & GSTAGE_X)
		f |= PTE_X;
	return f;
}

static unsigned pte_perm(pte_t e)
{
	return ((e & PTE_R) ? GSTAGE_R : 0) | ((e & PTE_W) ? GSTAGE_W : 0) |
	       ((e & PTE_X) ? GSTAGE_X : 0);
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* End of the level-sized region holding `addr`, clipped to `end`. */
static uint64_t step_end(int level, uint64_t addr, uint64_t end)
{
	return min_u64(ALIGN_DOWN(addr, level_size(level)) + level_size(level), end);
}

static void notify_flush(const struct gstage *gs, gpa_t gpa, uint64_t size)
{
	if (gs->flush)
		gs->flush(gs->vmid, gpa, size);
}

/* ---- table pages ---- */

static hpa_t table_alloc(struct gstage *gs)
{
	hpa_t t = page_alloc_pages(gs->pa, 1, 1);
	if (t) {
		memset(table_at(t), 0, PAGE_SIZE);
		gs->table_pages++;
	}
	return t;
}

static void table_free(struct gstage *gs, hpa_t t)
{
	page_free_pages(gs->pa, t, 1);
	gs->table_pages--;
}

static bool table_empty(hpa_t t)
{
	const pte_t *pt = table_at(t);
	for (size_t i = 0; i < PT_ENTRIES; i++)
		if (pt[i])
			return false;
	return true;
}

/* The table under *pte, allocating it if the entry is empty; 0 when memory ran out. */
static hpa_t child_table(struct gstage *gs, pte_t *pte)
{
	if (pte_valid(*pte))
		return pte_is_leaf(*pte) ? 0 : pte_addr(*pte);
	hpa_t t = table_alloc(gs);
	if (t)
		*pte = pte_make(t, PTE_V);
	return t;
}

/* ---- init, hgatp, limits ---- */

int gstage_init(struct gstage *gs, struct page_alloc *pa, enum gstage_mode mode, uint16_t vmid)
{
	if (mode != GSTAGE_SV39X4 && mode != GSTAGE_SV48X4)
		return HV_EINVAL;
	if (vmid > HGATP_VMID_MASK)
		return HV_EINVAL;
	hpa_t root = page_alloc_pages(pa, ROOT_PAGES, ROOT_PAGES);
	if (!root)
		return HV_ENOMEM;
	memset(table_at(root), 0, ROOT_PAGES * PAGE_SIZE);
	gs->root = root;
	gs->levels = (int)mode;
	gs->vmid = vmid;
	gs->pa = pa;
	gs->flush = NULL;
	gs->table_pages = ROOT_PAGES;
	return HV_OK;
}

uint64_t gstage_hgatp(const struct gstage *gs)
{
	uint64_t mode = gs->levels == GSTAGE_SV48X4 ? HGATP_MODE_SV48X4 : HGATP_MODE_SV39X4;
	return mode << HGATP_MODE_SHIFT |
	       ((uint64_t)gs->vmid & HGATP_VMID_MASK) << HGATP_VMID_SHIFT |
	       ((gs->root >> PAGE_SHIFT) & HGATP_PPN_MASK);
}

uint64_t gstage_gpa_limit(const struct gstage *gs)
{
	/* the root indexes 2 more bits than a normal level */
	return 1UL << (level_shift(gs->levels - 1) + LEVEL_BITS + 2);
}

static bool perm_ok(unsigned perm)
{
	if (perm == 0 || (perm & ~GSTAGE_RWX))
		return false;
	return !((perm & GSTAGE_W) && !(perm & GSTAGE_R));   /* W without R is reserved */
}

/* Common argument checks for map and unmap. */
static int check_gpa_range(const struct gstage *gs, gpa_t gpa, uint64_t size)
{
	if (size == 0 || gpa % PAGE_SIZE || size % PAGE_SIZE)
		return HV_EINVAL;
	if (gpa + size < gpa || gpa + size > gstage_gpa_limit(gs))
		return HV_ERANGE;
	return HV_OK;
}

/* ---- checking, mapping and clearing ranges (recursive over one table's entries) ---- */

/* True if no page of [lo, hi) under table `t` (at `level`) is mapped. */
static bool range_free(const struct gstage *gs, hpa_t t, int level, gpa_t lo, gpa_t hi)
{
	for (gpa_t a = lo; a < hi; a = step_end(level, a, hi)) {
		pte_t e = table_at(t)[pte_index(gs, level, a)];
		if (!pte_valid(e))
			continue;
		if (pte_is_leaf(e) || level == 0)
			return false;
		if (!range_free(gs, pte_addr(e), level - 1, a, step_end(level, a, hi)))
			return false;
	}
	return true;
}

/* Can [gpa, gpa+size) -> hpa be one leaf at `level`? */
static bool leaf_fits(int level, gpa_t gpa, hpa_t hpa, uint64_t size)
{
	uint64_t sz = level_size(level);
	return level <= MAX_LEAF_LEVEL && size >= sz && gpa % sz == 0 && hpa % sz == 0;
}

static int map_in(struct gstage *gs, hpa_t t, int level, gpa_t lo, gpa_t hi, hpa_t hpa,
		  uint64_t flags)
{
	for (gpa_t a = lo; a < hi; a = step_end(level, a, hi)) {
		pte_t *pte = &table_at(t)[pte_index(gs, level, a)];
		gpa_t next = step_end(level, a, hi);
		hpa_t to = hpa + (a - lo);
		if (leaf_fits(level, a, to, next - a)) {
			*pte = pte_make(to, flags);
			continue;
		}
		hpa_t child = child_table(gs, pte);
		if (!child)
			return HV_ENOMEM;
		int err = map_in(gs, child, level - 1, a, next, to, flags);
		if (err)
			return err;
	}
	return HV_OK;
}

/* Clears the leaves in [lo, hi) (each lies wholly inside it) and frees emptied tables. */
static void clear_in(struct gstage *gs, hpa_t t, int level, gpa_t lo, gpa_t hi)
{
	for (gpa_t a = lo; a < hi; a = step_end(level, a, hi)) {
		pte_t *pte = &table_at(t)[pte_index(gs, level, a)];
		gpa_t next = step_end(level, a, hi);
		if (!pte_valid(*pte))
			continue;
		if (pte_is_leaf(*pte) || level == 0) {
			*pte = 0;
			continue;
		}
		hpa_t child = pte_addr(*pte);
		clear_in(gs, child, level - 1, a, next);
		if (table_empty(child)) {
			*pte = 0;
			table_free(gs, child);
		}
	}
}

/* Frees the tables under table `t` at `level` (not `t` itself). */
static void free_below(struct gstage *gs, hpa_t t, int level, size_t entries)
{
	const pte_t *pt = table_at(t);
	for (size_t i = 0; level > 0 && i < entries; i++) {
		if (!pte_valid(pt[i]) || pte_is_leaf(pt[i]))
			continue;
		free_below(gs, pte_addr(pt[i]), level - 1, PT_ENTRIES);
		table_free(gs, pte_addr(pt[i]));
	}
}

/* ---- public map/unmap ---- */

/* On HV_ENOMEM the partial work is rolled back: the range was entirely unmapped before, so
 * clearing it again removes exactly our leaves and frees every table this call allocated. */
int gstage_map_range(struct gstage *gs, gpa_t gpa, hpa_t hpa, uint64_t size, unsigned perm)
{
	int err = check_gpa_range(gs, gpa, size);
	if (err)
		return err;
	if (hpa % PAGE_SIZE || !perm_ok(perm))
		return HV_EINVAL;
	if (hpa + size < hpa || hpa + size > HPA_LIMIT)
		return HV_ERANGE;
	if (!range_free(gs, gs->root, gs->levels - 1, gpa, gpa + size))
		return HV_EEXIST;
	err = map_in(gs, gs->root, gs->levels - 1, gpa, gpa + size, hpa, leaf_flags(perm));
	if (err)
		clear_in(gs, gs->root, gs->levels - 1, gpa, gpa + size);
	notify_flush(gs, gpa, size);
	return err;
}

/* Replaces the leaf *pte at `level` by a table of 512 leaves one level down, same translation. */
static int split_leaf(struct gstage *gs, pte_t *pte, int level)
{
	hpa_t t = table_alloc(gs);
	if (!t)
		return HV_ENOMEM;
	pte_t *pt = table_at(t);
	uint64_t flags = *pte & PTE_FLAGS_MASK, step = level_size(level - 1);
	for (size_t i = 0; i < PT_ENTRIES; i++)
		pt[i] = pte_make(pte_addr(*pte) + i * step, flags);
	*pte = pte_make(t, PTE_V);
	return HV_OK;
}

/* Splits superpages until no leaf straddles `addr` (a boundary of the range to unmap). */
static int split_at(struct gstage *gs, gpa_t addr)
{
	if (addr >= gstage_gpa_limit(gs))
		return HV_OK;
	hpa_t t = gs->root;
	for (int level = gs->levels - 1; level > 0; level--) {
		pte_t *pte = &table_at(t)[pte_index(gs, level, addr)];
		if (!pte_valid(*pte))
			return HV_OK;
		if (pte_is_leaf(*pte)) {
			if (addr % level_size(level) == 0)
				return HV_OK;
			int err = split_leaf(gs, pte, level);
			if (err)
				return err;
		}
		t = pte_addr(*pte);
	}
	return HV_OK;
}

/* Splitting comes first and keeps every translation, so HV_ENOMEM leaves the mappings as they
 * were (some superpages may stay split into equivalent smaller leaves). */
int gstage_unmap_range(struct gstage *gs, gpa_t gpa, uint64_t size)
{
	int err = check_gpa_range(gs, gpa, size);
	if (err)
		return err;
	err = split_at(gs, gpa);
	if (!err)
		err = split_at(gs, gpa + size);
	if (err)
		return err;
	clear_in(gs, gs->root, gs->levels - 1, gpa, gpa + size);
	notify_flush(gs, gpa, size);
	return HV_OK;
}

int gstage_translate(const struct gstage *gs, gpa_t gpa, hpa_t *hpa, unsigned *perm, uint64_t *leaf_size)
{
	if (gpa >= gstage_gpa_limit(gs))
		return HV_ENOENT;
	hpa_t t = gs->root;
	for (int level = gs->levels - 1; level >= 0; level--) {
		pte_t e = table_at(t)[pte_index(gs, level, gpa)];
		if (!pte_valid(e))
			return HV_ENOENT;
		if (pte_is_leaf(e)) {
			uint64_t sz = level_size(level);
			if (hpa)
				*hpa = pte_addr(e) + (gpa & (sz - 1));
			if (perm)
				*perm = pte_perm(e);
			if (leaf_size)
				*leaf_size = sz;
			return HV_OK;
		}
		t = pte_addr(e);
	}
	return HV_ENOENT;
}

void gstage_destroy(struct gstage *gs)
{
	if (!gs->root)
		return;
	free_below(gs, gs->root, gs->levels - 1, ROOT_ENTRIES);
	page_free_pages(gs->pa, gs->root, ROOT_PAGES);
	gs->root = 0;
	gs->table_pages = 0;
}
