/* test_vplic.c: the minimal virtual PLIC: priority, threshold and claim order, claims of nothing,
 * complete re-pending a still-high source, the pending bits, per-context enables with independent
 * notifications, out-of-range sources, contexts and offsets, and the 32-bit-only MMIO glue.
 * unit-sources: hv/vdev/vplic.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/err.h"
#include "vdev/vplic.h"

#define MAX_EVENTS 64

struct event {
	int context;
	bool level;
};

struct fixture {
	struct vplic p;
	struct event ev[MAX_EVENTS];
	int nev;
	bool line[VPLIC_MAX_CONTEXTS];
};

static void notify_cb(void *ctx, int context, bool level)
{
	struct fixture *x = ctx;
	assert_in_range(context, 0, x->p.ncontexts - 1);
	assert_true(level != x->line[context]);       /* only changes are reported */
	assert_true(level == vplic_context_pending(&x->p, context));
	x->line[context] = level;
	assert_true(x->nev < MAX_EVENTS);
	x->ev[x->nev++] = (struct event){ context, level };
}

static int setup_n(void **state, int ncontexts)
{
	struct fixture *x = calloc(1, sizeof(*x));
	vplic_init(&x->p, ncontexts, notify_cb, x);
	*state = x;
	return 0;
}

static int setup1(void **state) { return setup_n(state, 1); }
static int setup2(void **state) { return setup_n(state, 2); }
static int setup4(void **state) { return setup_n(state, 4); }

static int teardown(void **state)
{
	free(*state);
	return 0;
}

#define FX(state) ((struct fixture *)*(state))
#define P(state) (&FX(state)->p)

#define PRIO(s)       (VPLIC_PRIORITY_BASE + 4u * (s))
#define ENABLE(c)     (VPLIC_ENABLE_BASE + VPLIC_ENABLE_STRIDE * (uint64_t)(c))
#define THRESHOLD(c)  (VPLIC_CONTEXT_BASE + VPLIC_CONTEXT_STRIDE * (uint64_t)(c) + VPLIC_THRESHOLD)
#define CLAIM(c)      (VPLIC_CONTEXT_BASE + VPLIC_CONTEXT_STRIDE * (uint64_t)(c) + VPLIC_CLAIM)

static uint32_t rd(struct vplic *p, uint64_t off)
{
	uint32_t v = 0xdeadbeef;
	assert_int_equal(vplic_read(p, off, &v), HV_OK);
	return v;
}

static void wr(struct vplic *p, uint64_t off, uint32_t v)
{
	assert_int_equal(vplic_write(p, off, v), HV_OK);
}

static void expect_event(struct fixture *x, int i, int context, bool level)
{
	assert_true(i < x->nev);
	assert_int_equal(x->ev[i].context, context);
	assert_int_equal(x->ev[i].level, level);
}

static void test_reset_state(void **state)
{
	struct vplic *p = P(state);
	for (unsigned s = 0; s < VPLIC_NSOURCES; s++)
		assert_int_equal(rd(p, PRIO(s)), 0);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 0);
	for (int c = 0; c < 4; c++) {
		assert_int_equal(rd(p, ENABLE(c)), 0);
		assert_int_equal(rd(p, THRESHOLD(c)), 0);
		assert_false(vplic_context_pending(p, c));
	}
	assert_int_equal(FX(state)->nev, 0);
}

static void test_claim_nothing(void **state)
{
	struct vplic *p = P(state);
	for (int c = 0; c < 4; c++)
		assert_int_equal(rd(p, CLAIM(c)), 0);
	/* a high source that is not enabled, or has priority 0, is not claimable either */
	vplic_set_level(p, 10, true);
	assert_int_equal(rd(p, CLAIM(0)), 0);
	wr(p, ENABLE(0), 1u << 10);
	assert_int_equal(rd(p, CLAIM(0)), 0);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 1u << 10);   /* pending all the same */
	assert_int_equal(FX(state)->nev, 0);
}

static void test_priority_order(void **state)
{
	struct fixture *x = FX(state);
	struct vplic *p = P(state);
	wr(p, PRIO(3), 2);
	wr(p, PRIO(5), 5);
	wr(p, PRIO(7), 5);
	wr(p, PRIO(10), 1);
	wr(p, PRIO(31), 7);
	wr(p, PRIO(12), 0);
	wr(p, ENABLE(0), 0xffffffff);
	assert_int_equal(rd(p, ENABLE(0)), 0xfffffffe);          /* source 0 does not exist */
	unsigned srcs[] = { 3, 5, 7, 10, 12, 31 };
	for (unsigned i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++)
		vplic_set_level(p, srcs[i], true);
	assert_int_equal(x->nev, 1);
	expect_event(x, 0, 0, true);
	/* highest priority first; ties go to the lowest id; priority 0 never */
	assert_int_equal(rd(p, CLAIM(0)), 31);
	assert_int_equal(rd(p, CLAIM(0)), 5);
	assert_int_equal(rd(p, CLAIM(0)), 7);
	assert_int_equal(rd(p, CLAIM(0)), 3);
	assert_true(vplic_context_pending(p, 0));
	assert_int_equal(x->nev, 1);
	assert_int_equal(rd(p, CLAIM(0)), 10);
	assert_false(vplic_context_pending(p, 0));
	assert_int_equal(x->nev, 2);
	expect_event(x, 1, 0, false);
	assert_int_equal(rd(p, CLAIM(0)), 0);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 1u << 12);
	/* complete them all; the threshold now only lets priorities above 2 through */
	wr(p, THRESHOLD(0), 2);
	assert_int_equal(rd(p, THRESHOLD(0)), 2);
	for (unsigned i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++)
		wr(p, CLAIM(0), srcs[i]);
	assert_int_equal(rd(p, CLAIM(0)), 31);
	assert_int_equal(rd(p, CLAIM(0)), 5);
	assert_int_equal(rd(p, CLAIM(0)), 7);
	assert_int_equal(rd(p, CLAIM(0)), 0);                   /* 3 (priority 2) is not above 2 */
	assert_false(vplic_context_pending(p, 0));
	/* lowering the threshold raises the line; raising it lowers the line */
	int n = x->nev;
	wr(p, THRESHOLD(0), 1);
	assert_int_equal(x->nev, n + 1);
	expect_event(x, n, 0, true);
	wr(p, THRESHOLD(0), 2);
	assert_int_equal(x->nev, n + 2);
	expect_event(x, n + 1, 0, false);
	/* a priority change does it too */
	wr(p, PRIO(3), 3);
	assert_int_equal(x->nev, n + 3);
	expect_event(x, n + 2, 0, true);
	wr(p, PRIO(3), 0);
	assert_int_equal(x->nev, n + 4);
	expect_event(x, n + 3, 0, false);
	/* threshold 7 masks everything, even priority 7 */
	wr(p, PRIO(3), 7);
	wr(p, THRESHOLD(0), 7);
	wr(p, CLAIM(0), 31);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE) & (1u << 31), 1u << 31);
	assert_int_equal(rd(p, CLAIM(0)), 0);
	/* priorities and thresholds keep 3 bits */
	wr(p, PRIO(4), 0xff);
	assert_int_equal(rd(p, PRIO(4)), 7);
	wr(p, THRESHOLD(0), 0x1f);
	assert_int_equal(rd(p, THRESHOLD(0)), 7);
}

static void test_complete(void **state)
{
	struct fixture *x = FX(state);
	struct vplic *p = P(state);
	wr(p, PRIO(10), 1);
	wr(p, ENABLE(0), 1u << 10);
	vplic_set_level(p, 10, true);
	assert_int_equal(x->nev, 1);
	assert_int_equal(rd(p, CLAIM(0)), 10);
	assert_int_equal(x->nev, 2);
	expect_event(x, 1, 0, false);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 0);          /* in service: not pending */
	/* the level going low and high again while in service pends nothing */
	vplic_set_level(p, 10, false);
	vplic_set_level(p, 10, true);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 0);
	assert_int_equal(rd(p, CLAIM(0)), 0);
	assert_int_equal(x->nev, 2);
	/* completing ids that are not in service changes nothing */
	wr(p, CLAIM(0), 0);
	wr(p, CLAIM(0), 9);
	wr(p, CLAIM(0), 32);
	wr(p, CLAIM(0), 0xffffffff);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 0);
	assert_int_equal(x->nev, 2);
	/* complete with the level still high: pending again at once */
	wr(p, CLAIM(0), 10);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 1u << 10);
	assert_int_equal(x->nev, 3);
	expect_event(x, 2, 0, true);
	assert_int_equal(rd(p, CLAIM(0)), 10);
	/* a second complete of the same id is ignored */
	vplic_set_level(p, 10, false);
	wr(p, CLAIM(0), 10);
	wr(p, CLAIM(0), 10);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 0);
	assert_false(vplic_context_pending(p, 0));
	assert_int_equal(x->nev, 4);
	/* a source that went low before its claim is no longer pending (level-triggered) */
	vplic_set_level(p, 10, true);
	vplic_set_level(p, 10, false);
	assert_int_equal(rd(p, CLAIM(0)), 0);
	assert_int_equal(x->nev, 6);
	expect_event(x, 4, 0, true);
	expect_event(x, 5, 0, false);
	/* as in QEMU, a source disabled after its claim can still be completed */
	vplic_set_level(p, 10, true);
	assert_int_equal(rd(p, CLAIM(0)), 10);
	wr(p, ENABLE(0), 0);
	wr(p, CLAIM(0), 10);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 1u << 10);
	assert_false(vplic_context_pending(p, 0));
}

static void test_pending_bits(void **state)
{
	struct fixture *x = FX(state);
	struct vplic *p = P(state);
	vplic_set_level(p, 1, true);
	vplic_set_level(p, 10, true);
	vplic_set_level(p, 31, true);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), (1u << 1) | (1u << 10) | (1u << 31));
	/* source 0 and ids past 31 do not exist */
	vplic_set_level(p, 0, true);
	vplic_set_level(p, 32, true);
	vplic_set_level(p, 1000, true);
	vplic_set_level(p, ~0u, true);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), (1u << 1) | (1u << 10) | (1u << 31));
	assert_int_equal(rd(p, VPLIC_PENDING_BASE + 4), 0);
	/* pending bits are read-only */
	wr(p, VPLIC_PENDING_BASE, 0);
	wr(p, VPLIC_PENDING_BASE, 0xffffffff);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), (1u << 1) | (1u << 10) | (1u << 31));
	vplic_set_level(p, 10, false);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), (1u << 1) | (1u << 31));
	/* claiming clears the claimed source's bit */
	wr(p, PRIO(31), 1);
	wr(p, ENABLE(0), 1u << 31);
	assert_int_equal(rd(p, CLAIM(0)), 31);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 1u << 1);
	assert_int_equal(x->nev, 2);
}

static void test_contexts(void **state)
{
	struct fixture *x = FX(state);
	struct vplic *p = P(state);
	wr(p, PRIO(1), 1);
	wr(p, PRIO(10), 1);
	wr(p, PRIO(20), 1);
	wr(p, ENABLE(0), 1u << 10);
	wr(p, ENABLE(1), 1u << 1);
	assert_int_equal(rd(p, ENABLE(0)), 1u << 10);
	assert_int_equal(rd(p, ENABLE(1)), 1u << 1);
	vplic_set_level(p, 10, true);
	assert_int_equal(x->nev, 1);
	expect_event(x, 0, 0, true);
	assert_false(vplic_context_pending(p, 1));
	assert_int_equal(rd(p, CLAIM(1)), 0);                    /* not enabled for context 1 */
	vplic_set_level(p, 1, true);
	assert_int_equal(x->nev, 2);
	expect_event(x, 1, 1, true);
	assert_int_equal(rd(p, CLAIM(1)), 1);
	assert_int_equal(x->nev, 3);
	expect_event(x, 2, 1, false);
	assert_true(vplic_context_pending(p, 0));
	/* a source enabled in both: one claim takes it from both */
	wr(p, ENABLE(1), (1u << 1) | (1u << 20));
	wr(p, ENABLE(0), (1u << 10) | (1u << 20));
	assert_int_equal(x->nev, 3);
	vplic_set_level(p, 20, true);
	assert_int_equal(x->nev, 4);
	expect_event(x, 3, 1, true);                             /* context 0 already had 10 */
	wr(p, THRESHOLD(1), 1);                                  /* context 1 masks it */
	assert_int_equal(x->nev, 5);
	expect_event(x, 4, 1, false);
	wr(p, THRESHOLD(1), 0);
	assert_int_equal(x->nev, 6);
	expect_event(x, 5, 1, true);
	assert_int_equal(rd(p, THRESHOLD(0)), 0);                /* thresholds are per context */
	assert_int_equal(rd(p, CLAIM(0)), 10);
	assert_int_equal(x->nev, 6);                             /* 20 still there for both */
	assert_int_equal(rd(p, CLAIM(0)), 20);
	assert_int_equal(x->nev, 8);
	expect_event(x, 6, 0, false);
	expect_event(x, 7, 1, false);
	assert_int_equal(rd(p, CLAIM(1)), 0);
	/* context 1 may complete what context 0 claimed; then both see it again */
	wr(p, CLAIM(1), 20);
	assert_int_equal(x->nev, 10);
	expect_event(x, 8, 0, true);
	expect_event(x, 9, 1, true);
	/* contexts 2 and 3 exist here too, quietly */
	wr(p, ENABLE(3), 1u << 20);
	assert_int_equal(x->nev, 11);
	expect_event(x, 10, 3, true);
	assert_false(vplic_context_pending(p, 2));
	assert_int_equal(rd(p, CLAIM(3)), 20);
	assert_int_equal(x->nev, 14);
	assert_false(vplic_context_pending(p, 0));
	assert_false(vplic_context_pending(p, 1));
	assert_false(vplic_context_pending(p, 3));
}

static void test_out_of_range(void **state)
{
	struct fixture *x = FX(state);
	struct vplic *p = P(state);                              /* two contexts */
	uint32_t v;
	/* sources past 31 and source 0: read 0, writes ignored */
	wr(p, PRIO(0), 5);
	assert_int_equal(rd(p, PRIO(0)), 0);
	wr(p, PRIO(32), 5);
	assert_int_equal(rd(p, PRIO(32)), 0);
	wr(p, PRIO(1023), 5);
	assert_int_equal(rd(p, PRIO(1023)), 0);
	assert_int_equal(rd(p, VPLIC_PENDING_BASE + 0x7c), 0);
	wr(p, ENABLE(0) + 4, 0xffffffff);
	assert_int_equal(rd(p, ENABLE(0) + 4), 0);
	assert_int_equal(rd(p, ENABLE(0) + 0x7c), 0);
	/* contexts this VM lacks (up to the architecture's 15872): read 0, writes ignored */
	wr(p, ENABLE(2), 0xffffffff);
	assert_int_equal(rd(p, ENABLE(2)), 0);
	wr(p, THRESHOLD(2), 3);
	assert_int_equal(rd(p, THRESHOLD(2)), 0);
	wr(p, PRIO(5), 1);
	vplic_set_level(p, 5, true);
	assert_int_equal(rd(p, CLAIM(2)), 0);
	assert_int_equal(rd(p, CLAIM(15871)), 0);
	wr(p, CLAIM(3), 5);
	assert_int_equal(rd(p, ENABLE(15871)), 0);
	assert_false(vplic_context_pending(p, 2));
	assert_false(vplic_context_pending(p, -1));
	assert_false(vplic_context_pending(p, 1000));
	assert_int_equal(rd(p, VPLIC_PENDING_BASE), 1u << 5);
	assert_int_equal(x->nev, 0);
	/* reserved gaps and offsets past the map */
	uint64_t bad[] = { 0x1080, 0x1ffc, 0x1f2000, 0x1ffffc, VPLIC_CONTEXT_BASE + 8,
			   VPLIC_CONTEXT_BASE + 0xffc, CLAIM(1) + 4, 0x4000000, 0x4000000 + 4,
			   0xfffffffffffffffcull };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 0x1234;
		assert_int_equal(vplic_read(p, bad[i], &v), HV_ERANGE);
		assert_int_equal(vplic_write(p, bad[i], 0xffffffff), HV_ERANGE);
	}
	/* misaligned offsets */
	uint64_t odd[] = { 1, 2, 3, VPLIC_PENDING_BASE + 1, ENABLE(0) + 2, CLAIM(0) + 1, 0x4000001 };
	for (unsigned i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		assert_int_equal(vplic_read(p, odd[i], &v), HV_EINVAL);
		assert_int_equal(vplic_write(p, odd[i], 0), HV_EINVAL);
	}
	/* none of that changed anything */
	assert_int_equal(rd(p, ENABLE(0)), 0);
	assert_int_equal(rd(p, ENABLE(1)), 0);
	assert_int_equal(rd(p, THRESHOLD(0)), 0);
	assert_int_equal(rd(p, PRIO(5)), 1);
	assert_int_equal(x->nev, 0);
}

static void test_init_clamps(void **state)
{
	(void)state;
	struct vplic p;
	vplic_init(&p, 9, NULL, NULL);
	assert_int_equal(p.ncontexts, VPLIC_MAX_CONTEXTS);
	vplic_init(&p, -3, NULL, NULL);
	assert_int_equal(p.ncontexts, 0);
	assert_int_equal(rd(&p, CLAIM(0)), 0);
	/* no callback: changes are still tracked */
	vplic_init(&p, 1, NULL, NULL);
	wr(&p, PRIO(2), 1);
	wr(&p, ENABLE(0), 1u << 2);
	vplic_set_level(&p, 2, true);
	assert_true(vplic_context_pending(&p, 0));
	assert_int_equal(rd(&p, CLAIM(0)), 2);
	assert_false(vplic_context_pending(&p, 0));
}

static void test_mmio_glue(void **state)
{
	struct fixture *x = FX(state);
	struct vplic *p = P(state);
	struct mmio_device dev;
	uint64_t v;
	vplic_mmio_init(&dev, p, "plic", 0x0c000000, VPLIC_SIZE);
	assert_string_equal(dev.name, "plic");
	assert_int_equal(dev.base, 0x0c000000);
	assert_int_equal(dev.size, 0x600000);
	assert_ptr_equal(dev.state, p);
	assert_int_equal(dev.write(&dev, PRIO(10), 4, 3), HV_OK);
	assert_int_equal(dev.write(&dev, ENABLE(0), 4, 1u << 10), HV_OK);
	vplic_set_level(p, 10, true);
	assert_int_equal(x->nev, 1);
	v = ~0ull;
	assert_int_equal(dev.read(&dev, PRIO(10), 4, &v), HV_OK);
	assert_int_equal(v, 3);
	/* only 32-bit accesses: the others are errors and have no effect */
	int widths[] = { 1, 2, 8 };
	for (unsigned i = 0; i < 3; i++) {
		v = 0x55;
		assert_int_equal(dev.read(&dev, CLAIM(0), widths[i], &v), HV_EINVAL);
		assert_int_equal(v, 0x55);
		assert_int_equal(dev.write(&dev, PRIO(10), widths[i], 1), HV_EINVAL);
		assert_int_equal(dev.write(&dev, ENABLE(0), widths[i], 0), HV_EINVAL);
	}
	assert_int_equal(dev.read(&dev, VPLIC_PENDING_BASE, 4, &v), HV_OK);
	assert_int_equal(v, 1u << 10);
	assert_int_equal(dev.read(&dev, PRIO(10), 4, &v), HV_OK);
	assert_int_equal(v, 3);
	assert_int_equal(dev.read(&dev, CLAIM(0), 4, &v), HV_OK);
	assert_int_equal(v, 10);
	assert_int_equal(dev.write(&dev, CLAIM(0), 4, 10), HV_OK);
	assert_int_equal(dev.read(&dev, 0x1080, 4, &v), HV_ERANGE);
	assert_int_equal(x->nev, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reset_state, setup4, teardown),
		cmocka_unit_test_setup_teardown(test_claim_nothing, setup4, teardown),
		cmocka_unit_test_setup_teardown(test_priority_order, setup1, teardown),
		cmocka_unit_test_setup_teardown(test_complete, setup1, teardown),
		cmocka_unit_test_setup_teardown(test_pending_bits, setup1, teardown),
		cmocka_unit_test_setup_teardown(test_contexts, setup4, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_range, setup2, teardown),
		cmocka_unit_test(test_init_clamps),
		cmocka_unit_test_setup_teardown(test_mmio_glue, setup1, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
