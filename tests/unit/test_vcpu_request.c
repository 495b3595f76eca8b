/* test_vcpu_request.c: the request word's semantics (hv/vm/vcpu_request.h): for each interrupt line
 * the latest level wins, fences accumulate and are taken once, a stop dominates, and requests wait
 * in the word until the owner takes them.
 * unit-sources: hv/vm/vcpu_request.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "riscv/csr.h"
#include "vm/vcpu_request.h"

static void test_latest_level_wins(void **state)
{
	(void)state;
	struct vcpu_request r = { 0 };
	vcpu_request_irq(&r, MIP_VSEIP, true);
	vcpu_request_irq(&r, MIP_VSSIP, true);
	vcpu_request_irq(&r, MIP_VSEIP, false);   /* the device lowered its line again */
	/* hvip had VSEIP and VSTIP set: VSEIP goes, VSSIP comes, VSTIP (not named) stays */
	assert_int_equal(vcpu_request_irq_view(&r, MIP_VSEIP | MIP_VSTIP), MIP_VSSIP | MIP_VSTIP);
	struct vcpu_request t = vcpu_request_take(&r);
	assert_int_equal(t.pending, VCPU_REQ_IRQ);
	assert_int_equal(t.irq_lines, MIP_VSEIP | MIP_VSSIP);
	assert_int_equal(t.irq_levels & t.irq_lines, MIP_VSSIP);
	vcpu_request_irq(&t, MIP_VSSIP, false);
	vcpu_request_irq(&t, MIP_VSSIP, true);
	assert_int_equal(vcpu_request_irq_view(&t, 0), MIP_VSSIP);
}

static void test_fences_accumulate_and_are_taken_once(void **state)
{
	(void)state;
	struct vcpu_request r = { 0 };
	vcpu_request_sfence_vma(&r, 5, 0x1000, 0x1000);
	vcpu_request_sfence_vma(&r, 5, 0x8000, 0x2000);
	assert_int_equal(r.sfence_asid, 5);             /* one ASID: the range covers both */
	assert_int_equal(r.sfence_start, 0x1000);
	assert_int_equal(r.sfence_end, 0xa000);
	vcpu_request_fence_i(&r);
	vcpu_request_fence_i(&r);
	vcpu_request_hfence_gvma(&r);
	vcpu_request_sfence_vma(&r, 7, 0x3000, 0x1000);
	assert_int_equal(r.sfence_asid, VCPU_REQ_ALL_ASIDS);   /* two ASIDs: all of them */
	assert_int_equal(r.sfence_end, 0xa000);
	struct vcpu_request t = vcpu_request_take(&r);
	assert_int_equal(t.pending, VCPU_REQ_FENCE_I | VCPU_REQ_SFENCE_VMA | VCPU_REQ_HFENCE_GVMA);
	/* taken: the word is empty, so nothing is carried out twice */
	assert_false(vcpu_request_pending(&r));
	assert_int_equal(vcpu_request_take(&r).pending, 0);
	/* everything, and a range that wraps, mean every address */
	vcpu_request_sfence_vma(&r, 3, 0x4000, 0x1000);
	vcpu_request_sfence_vma(&r, 3, 0, -1UL);
	assert_int_equal(r.sfence_start, 0);
	assert_int_equal(r.sfence_end, 0);
	vcpu_request_clear(&r);
	vcpu_request_sfence_vma(&r, 3, -0x1000UL, 0x2000);
	assert_int_equal(r.sfence_end, 0);
}

static void test_stop_dominates(void **state)
{
	(void)state;
	struct vcpu_request r = { 0 };
	vcpu_request_irq(&r, MIP_VSEIP, true);
	vcpu_request_stop(&r);
	vcpu_request_fence_i(&r);
	vcpu_request_timer(&r);
	struct vcpu_request t = vcpu_request_take(&r);
	assert_int_equal(t.pending, VCPU_REQ_STOP);
	assert_int_equal(t.irq_lines, 0);
	assert_false(vcpu_request_pending(&r));
}

/* A vCPU that is not loaded anywhere keeps what it was asked, however often, until its owner
 * takes the word when it loads it. */
static void test_requests_wait_until_taken(void **state)
{
	(void)state;
	struct vcpu_request r = { 0 };
	assert_false(vcpu_request_pending(&r));
	vcpu_request_timer(&r);
	for (int i = 0; i < 10; i++)
		vcpu_request_irq(&r, MIP_VSSIP, i % 2 == 0);
	assert_true(vcpu_request_pending(&r));
	assert_true(vcpu_request_pending(&r));   /* looking does not take */
	struct vcpu_request t = vcpu_request_take(&r);
	assert_int_equal(t.pending, VCPU_REQ_IRQ | VCPU_REQ_TIMER);
	assert_int_equal(vcpu_request_irq_view(&t, MIP_VSSIP), 0);   /* the last of the ten was low */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest_level_wins),
		cmocka_unit_test(test_fences_accumulate_and_are_taken_once),
		cmocka_unit_test(test_stop_dominates),
		cmocka_unit_test(test_requests_wait_until_taken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
