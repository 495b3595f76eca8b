/* test_banner.c: the banner's hart lines, on DTBs dumped by QEMU virt itself (build/dtb/, made by make),
 * including one with more harts than the hypervisor keeps (which OpenSBI never hands over whole).
 * unit-sources: hv/core/banner.c hv/base/host_dtb.c hv/base/isa.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/banner.h"
#include "base/err.h"

static void *load_dtb(const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "build/dtb/%s", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run make test, which makes it with qemu dumpdtb)", path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *buf = calloc(1, (size_t)size);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	return buf;
}

/* What banner_print writes to stdout, as one malloc'd string. */
static char *banner_of(const struct host_info *info, const void *dtb)
{
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	banner_print(info, dtb, 0x80200000, 0x80400000);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	long size = ftell(tmp);
	char *text = calloc(1, (size_t)size + 1);
	rewind(tmp);
	assert_int_equal(fread(text, 1, (size_t)size, tmp), (size_t)size);
	fclose(tmp);
	return text;
}

static char *banner_of_dtb(const char *name, uint32_t boot_hart)
{
	void *fdt = load_dtb(name);
	struct host_info info;
	assert_int_equal(host_dtb_parse(fdt, boot_hart, &info), HV_OK);
	char *text = banner_of(&info, fdt);
	free(fdt);
	return text;
}

static void test_one_hart_names_no_parked_harts(void **state)
{
	(void)state;
	char *text = banner_of_dtb("virt-128M-1.dtb", 0);
	assert_non_null(strstr(text, "\n  harts     : 1 (boot hart 0; ids 0)\n  ram       : "));
	assert_null(strstr(text, "vcpu harts"));
	assert_null(strstr(text, "not listed"));
	free(text);
}

static void test_parked_harts_are_counted(void **state)
{
	(void)state;
	char *text = banner_of_dtb("virt-1G-4.dtb", 2);
	assert_non_null(strstr(text, "\n  harts     : 4 (boot hart 2; ids 0 1 2 3)\n"
				     "  vcpu harts: 2 (the other 3 stay parked)\n  ram       : "));
	assert_null(strstr(text, "not listed"));
	free(text);
}

static void test_one_parked_hart(void **state)
{
	(void)state;
	void *fdt = load_dtb("virt-128M-1.dtb");
	struct host_info info;
	assert_int_equal(host_dtb_parse(fdt, 0, &info), HV_OK);
	info.nharts = 2;
	info.hart_ids[1] = 1;
	info.boot_hart = 1;
	char *text = banner_of(&info, fdt);
	assert_non_null(strstr(text, "\n  harts     : 2 (boot hart 1; ids 0 1)\n"
				     "  vcpu harts: 1 (the other hart stays parked)\n"));
	free(text);
	free(fdt);
}

/* 130 harts: the harts line lists the first HV_MAX_HARTS ids, and a line counts the others. */
static void test_harts_past_the_limit_are_counted(void **state)
{
	(void)state;
	char *text = banner_of_dtb("virt-256M-130.dtb", 5);
	char ids[HV_MAX_HARTS * 4 + 1] = "";
	for (int i = 0; i < HV_MAX_HARTS; i++)
		snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids), " %d", i);
	char expect[sizeof(ids) + 256];
	snprintf(expect, sizeof(expect), "\n  harts     : 130 (boot hart 5; ids%s)\n"
		 "  not listed: 2 more harts in the DTB (the hypervisor keeps the first %d ids)\n"
		 "  vcpu harts: 5 (the other 129 stay parked)\n  ram       : ", ids, HV_MAX_HARTS);
	assert_non_null(strstr(text, expect));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_hart_names_no_parked_harts),
		cmocka_unit_test(test_parked_harts_are_counted),
		cmocka_unit_test(test_one_parked_hart),
		cmocka_unit_test(test_harts_past_the_limit_are_counted),
	};
	return cmocka_run_group_tests_name("banner", tests, NULL, NULL);
}
