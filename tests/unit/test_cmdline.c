/* test_cmdline.c: key=value lookup in the hypervisor's command line and the guest.KEY=VALUE words
 * passed on to every VM's bootargs.
 * unit-sources: hv/base/cmdline.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "base/cmdline.h"

static void test_get_finds_value(void **state)
{
	(void)state;
	char v[16];
	assert_true(cmdline_get("trace=summary vm=fuzz", "vm", v, sizeof(v)));
	assert_string_equal(v, "fuzz");
	assert_false(cmdline_get("vmx=1 guest.vm=2", "vm", v, sizeof(v)));
	assert_false(cmdline_get("vm=toolongforthebuffer", "vm", v, sizeof(v)));
}

static void test_guest_args_appended(void **state)
{
	(void)state;
	char b[64] = "seed=1";
	assert_true(cmdline_append_guest_args("vm=fuzz guest.seed=0x2a  trace=off guest.x=y", b, sizeof(b)));
	assert_string_equal(b, "seed=1 seed=0x2a x=y");
	char e[64] = "";
	assert_true(cmdline_append_guest_args("guest.seed=7", e, sizeof(e)));
	assert_string_equal(e, "seed=7");
	char n[64] = "console=ttyS0";
	assert_true(cmdline_append_guest_args("vm=a guest. guest", n, sizeof(n)));
	assert_string_equal(n, "console=ttyS0");   /* a bare "guest." carries nothing */
	assert_true(cmdline_append_guest_args(NULL, n, sizeof(n)));
	assert_string_equal(n, "console=ttyS0");
}

static void test_guest_args_too_long_leave_bootargs(void **state)
{
	(void)state;
	char b[12] = "seed=1";
	assert_false(cmdline_append_guest_args("guest.a=1 guest.seed=123456", b, sizeof(b)));
	assert_string_equal(b, "seed=1");            /* all or nothing */
	char exact[12] = "seed=1";
	assert_true(cmdline_append_guest_args("guest.a=1", exact, sizeof(exact)));
	assert_string_equal(exact, "seed=1 a=1");    /* 10 characters and the terminator */
	char full[11] = "seed=1";
	assert_false(cmdline_append_guest_args("guest.ab=1", full, sizeof(full)));
	assert_string_equal(full, "seed=1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_finds_value),
		cmocka_unit_test(test_guest_args_appended),
		cmocka_unit_test(test_guest_args_too_long_leave_bootargs),
	};
	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
