/* vplic.c: a minimal virtual PLIC (see vplic.h): decodes 32-bit register accesses, runs the
 * level-triggered gateways (pending = input high and not in service), claim and complete, and
 * reports each context's "has a claimable interrupt" line when it changes. Then the MMIO glue. */
#include <string.h>
#include "base/err.h"
#include "vdev/vplic.h"

#define SOURCE_MASK 0xfffffffeu              /* bit 0: source 0 does not exist */

/* The PLIC architecture's limits: 1024 source ids, 15872 contexts. */
#define ARCH_SOURCES      1024
#define ARCH_CONTEXTS     15872
#define PENDING_END       (VPLIC_PENDING_BASE + ARCH_SOURCES / 8)
#define ENABLE_END        (VPLIC_ENABLE_BASE + (uint64_t)ARCH_CONTEXTS * VPLIC_ENABLE_STRIDE)
#define CONTEXT_END       (VPLIC_CONTEXT_BASE + (uint64_t)ARCH_CONTEXTS * VPLIC_CONTEXT_STRIDE)

enum reg_kind { REG_PRIORITY, REG_PENDING, REG_ENABLE, REG_THRESHOLD, REG_CLAIM };

struct reg {
	enum reg_kind kind;
	unsigned index;      /* source (priority) or word (pending, enable) */
	unsigned context;    /* enable, threshold, claim */
};

/* Which register off names; HV_EINVAL when misaligned, HV_ERANGE when it names none. */
static int decode(uint64_t off, struct reg *r)
{
	if (off & 3)
		return HV_EINVAL;
	if (off < VPLIC_PENDING_BASE) {
		*r = (struct reg){ REG_PRIORITY, (unsigned)(off / 4), 0 };
	} else if (off < PENDING_END) {
		*r = (struct reg){ REG_PENDING, (unsigned)((off - VPLIC_PENDING_BASE) / 4), 0 };
	} else if (off >= VPLIC_ENABLE_BASE && off < ENABLE_END) {
		uint64_t rel = off - VPLIC_ENABLE_BASE;
		*r = (struct reg){ REG_ENABLE, (unsigned)(rel % VPLIC_ENABLE_STRIDE / 4),
				   (unsigned)(rel / VPLIC_ENABLE_STRIDE) };
	} else if (off >= VPLIC_CONTEXT_BASE && off < CONTEXT_END) {
		uint64_t rel = off - VPLIC_CONTEXT_BASE, in = rel % VPLIC_CONTEXT_STRIDE;
		if (in != VPLIC_THRESHOLD && in != VPLIC_CLAIM)
			return HV_ERANGE;
		*r = (struct reg){ in == VPLIC_THRESHOLD ? REG_THRESHOLD : REG_CLAIM, 0,
				   (unsigned)(rel / VPLIC_CONTEXT_STRIDE) };
	} else {
		return HV_ERANGE;
	}
	return HV_OK;
}

static uint32_t pending_bits(const struct vplic *p)
{
	return p->level & ~p->in_service & SOURCE_MASK;
}

/* The highest-priority claimable source for context c (ties: lowest id), or 0. */
static unsigned best_source(const struct vplic *p, int c)
{
	uint32_t cand = pending_bits(p) & p->enable[c];
	unsigned best = 0, best_prio = p->threshold[c];
	for (unsigned s = 1; s < VPLIC_NSOURCES; s++)
		if ((cand >> s & 1) && p->priority[s] > best_prio) {
			best = s;
			best_prio = p->priority[s];
		}
	return best;
}

bool vplic_context_pending(const struct vplic *p, int context)
{
	if (context < 0 || context >= p->ncontexts)
		return false;
	return best_source(p, context) != 0;
}

/* Reports every context whose line changed; called after anything that may change one. */
static void notify_update(struct vplic *p)
{
	for (int c = 0; c < p->ncontexts; c++) {
		bool level = vplic_context_pending(p, c);
		if (level == p->notified[c])
			continue;
		p->notified[c] = level;
		if (p->notify)
			p->notify(p->ctx, c, level);
	}
}

void vplic_init(struct vplic *p, int ncontexts, vplic_notify_fn notify, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->ncontexts = ncontexts < 0 ? 0 : ncontexts > VPLIC_MAX_CONTEXTS ? VPLIC_MAX_CONTEXTS : ncontexts;
	p->notify = notify;
	p->ctx = ctx;
}

void vplic_set_level(struct vplic *p, unsigned source, bool level)
{
	if (source == 0 || source >= VPLIC_NSOURCES)
		return;
	if (level)
		p->level |= 1u << source;
	else
		p->level &= ~(1u << source);
	notify_update(p);
}

static uint32_t claim(struct vplic *p, int c)
{
	unsigned s = best_source(p, c);
	if (s) {
		p->in_service |= 1u << s;
		notify_update(p);
	}
	return s;
}

static void complete(struct vplic *p, uint32_t id)
{
	if (id == 0 || id >= VPLIC_NSOURCES || !(p->in_service & (1u << id)))
		return;
	p->in_service &= ~(1u << id);       /* a still-high input pends again at once */
	if (p->completed)
		p->completed(p->ctx, id);
	notify_update(p);
}

int vplic_read(struct vplic *p, uint64_t off, uint32_t *v)
{
	struct reg r;
	int err = decode(off, &r);
	if (err)
		return err;
	bool ctx_ok = r.context < (unsigned)p->ncontexts;
	*v = 0;
	switch (r.kind) {
	case REG_PRIORITY:
		if (r.index < VPLIC_NSOURCES)
			*v = p->priority[r.index];
		break;
	case REG_PENDING:
		if (r.index == 0)
			*v = pending_bits(p);
		break;
	case REG_ENABLE:
		if (ctx_ok && r.index == 0)
			*v = p->enable[r.context];
		break;
	case REG_THRESHOLD:
		if (ctx_ok)
			*v = p->threshold[r.context];
		break;
	case REG_CLAIM:
		if (ctx_ok)
			*v = claim(p, (int)r.context);
		break;
	}
	return HV_OK;
}

int vplic_write(struct vplic *p, uint64_t off, uint32_t v)
{
	struct reg r;
	int err = decode(off, &r);
	if (err)
		return err;
	bool ctx_ok = r.context < (unsigned)p->ncontexts;
	switch (r.kind) {
	case REG_PRIORITY:
		if (r.index != 0 && r.index < VPLIC_NSOURCES)
			p->priority[r.index] = (uint8_t)(v & VPLIC_MAX_PRIORITY);
		break;
	case REG_PENDING:                   /* read-only */
		break;
	case REG_ENABLE:
		if (ctx_ok && r.index == 0)
			p->enable[r.context] = v & SOURCE_MASK;
		break;
	case REG_THRESHOLD:
		if (ctx_ok)
			p->threshold[r.context] = (uint8_t)(v & VPLIC_MAX_PRIORITY);
		break;
	case REG_CLAIM:
		if (ctx_ok)
			complete(p, v);
		break;
	}
	notify_update(p);
	return HV_OK;
}

/* ---- MMIO glue ---- */

static int vplic_mmio_read(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	if (width != 4)
		return HV_EINVAL;
	uint32_t v;
	int err = vplic_read(dev->state, offset, &v);
	if (!err)
		*value = v;
	return err;
}

static int vplic_mmio_write(struct mmio_device *dev, uint64_t offset, int width, uint64_t value)
{
	if (width != 4)
		return HV_EINVAL;
	return vplic_write(dev->state, offset, (uint32_t)value);
}

void vplic_mmio_init(struct mmio_device *dev, struct vplic *p, const char *name, gpa_t base, uint64_t size)
{
	memset(dev, 0, sizeof(*dev));
	strncpy(dev->name, name, sizeof(dev->name) - 1);
	dev->base = base;
	dev->size = size;
	dev->read = vplic_mmio_read;
	dev->write = vplic_mmio_write;
	dev->state = p;
}
