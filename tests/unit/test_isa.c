/* test_isa.c: the host's ISA from the DTB (hv/base/isa.c, through host_dtb_parse): a riscv,isa of
 * any length, the riscv,isa-extensions list (which wins when both are there), and garbage, which is
 * a clear error rather than a guess.
 * unit-sources: hv/base/isa.c hv/base/host_dtb.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>
#include "base/err.h"
#include "base/host_dtb.h"

/* About what QEMU 10's rv64 CPU writes (Sstc far past the 160 characters the hypervisor once kept). */
#define LONG_ISA "rv64imafdch_zic64b_zicbom_zicbop_zicboz_ziccamoa_ziccif_zicclsm_ziccrse_zicntr_zicsr_" \
	"zifencei_zihintntl_zihintpause_zihpm_zmmul_za64rs_zaamo_zalrsc_zawrs_zfa_zca_zcd_zba_zbb_zbc_zbs_" \
	"shcounterenw_shgatpa_shtvala_shvsatpa_shvstvala_shvstvecd_smaia_smstateen_ssaia_ssccptr_" \
	"sscounterenw_ssstateen_sstvala_sstvecd_svade_svadu_svinval_svnapot_svpbmt_sstc"

static _Alignas(8) uint8_t dtb[8192];

/* A machine of one hart (id 0) with the given ISA properties (NULL: absent; list as "a\0b\0"). */
static void make_dtb(const char *isa, const char *list, int list_len)
{
	assert_int_equal(fdt_create(dtb, sizeof(dtb)), 0);
	fdt_finish_reservemap(dtb);
	fdt_begin_node(dtb, "");
	fdt_property_u32(dtb, "#address-cells", 2);
	fdt_property_u32(dtb, "#size-cells", 2);
	fdt_begin_node(dtb, "cpus");
	fdt_property_u32(dtb, "#address-cells", 1);
	fdt_property_u32(dtb, "#size-cells", 0);
	fdt_property_u32(dtb, "timebase-frequency", 10000000);
	fdt_begin_node(dtb, "cpu@0");
	fdt_property_string(dtb, "device_type", "cpu");
	fdt_property_u32(dtb, "reg", 0);
	if (isa)
		fdt_property_string(dtb, "riscv,isa", isa);
	if (list)
		fdt_property(dtb, "riscv,isa-extensions", list, list_len);
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	fdt_begin_node(dtb, "memory@80000000");
	fdt_property_string(dtb, "device_type", "memory");
	fdt64_t reg[2] = { cpu_to_fdt64(0x80000000), cpu_to_fdt64(0x8000000) };
	fdt_property(dtb, "reg", reg, sizeof(reg));
	fdt_end_node(dtb);
	fdt_end_node(dtb);
	assert_int_equal(fdt_finish(dtb), 0);
}

static struct host_info info;

static void test_long_riscv_isa(void **state)
{
	(void)state;
	assert_true(strlen(LONG_ISA) >= 300);
	make_dtb(LONG_ISA, NULL, 0);
	assert_int_equal(host_dtb_parse(dtb, 0, &info), HV_OK);
	assert_string_equal(info.isa_error, "");
	assert_string_equal(info.isa.string, LONG_ISA);   /* whole, not cut */
	assert_true(info.has_h);
	assert_true(info.has_sstc);
	assert_true(host_isa_has(&info.isa, "zicboz"));
	assert_true(host_isa_has(&info.isa, "c"));
	assert_false(host_isa_has(&info.isa, "v"));
	assert_false(host_isa_has(&info.isa, "sstcx"));
	assert_false(host_isa_has(&info.isa, "zicbo"));   /* a prefix is not a name */
}

#define LIST "i\0m\0a\0f\0d\0c\0h\0zicsr\0zifencei\0sstc\0zicboz\0"

static void test_isa_extensions_list(void **state)
{
	(void)state;
	make_dtb(NULL, LIST, sizeof(LIST) - 1);   /* the literal's own NUL is not in the list */
	assert_int_equal(host_dtb_parse(dtb, 0, &info), HV_OK);
	assert_string_equal(info.isa_error, "");
	assert_null(info.isa.string);
	assert_true(info.has_h);
	assert_true(info.has_sstc);
	assert_true(host_isa_has(&info.isa, "zicboz"));
	assert_false(host_isa_has(&info.isa, "zicbom"));
	assert_false(host_isa_has(&info.isa, "z"));
}

/* Both present and disagreeing: the list (the current binding) wins. */
static void test_list_wins(void **state)
{
	(void)state;
	static const char no_h_no_sstc[] = "i\0m\0a\0f\0d\0c\0zicsr\0";
	make_dtb("rv64imafdch_zicsr_sstc", no_h_no_sstc, sizeof(no_h_no_sstc) - 1);
	assert_int_equal(host_dtb_parse(dtb, 0, &info), HV_OK);
	assert_false(info.has_h);
	assert_false(info.has_sstc);
	make_dtb("rv64imafdc_zicsr", LIST, sizeof(LIST) - 1);
	assert_int_equal(host_dtb_parse(dtb, 0, &info), HV_OK);
	assert_true(info.has_h);
	assert_true(info.has_sstc);
}

/* What cannot be parsed is one clear line, and no extension is assumed. */
static void test_garbage(void **state)
{
	(void)state;
	static const struct { const char *isa; const char *list; int list_len; const char *words; } bad[] = {
		{ "x86_64", NULL, 0, "riscv,isa \"x86_64\" is not an ISA string" },
		{ "rv64imafdch__sstc", NULL, 0, "is not an ISA string" },
		{ "rv64imaFDch", NULL, 0, "is not an ISA string" },
		{ "rv64imafdch_zicsr!", NULL, 0, "is not an ISA string" },
		{ NULL, "i\0\0h\0", 5, "riscv,isa-extensions \"i,,h\" is not a list of extension names" },
		{ NULL, "i\0H\0", 5, "is not a list" },
		{ NULL, "i\0h", 3, "is not a list" },
		{ NULL, NULL, 0, "neither riscv,isa-extensions nor riscv,isa" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		make_dtb(bad[i].isa, bad[i].list, bad[i].list_len);
		assert_int_equal(host_dtb_parse(dtb, 0, &info), HV_OK);   /* the rest of the machine is read */
		if (!strstr(info.isa_error, bad[i].words))
			fail_msg("case %zu: error \"%s\" does not say \"%s\"", i, info.isa_error, bad[i].words);
		assert_null(strchr(info.isa_error, '\n'));
		assert_false(info.has_h);
		assert_false(info.has_sstc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_riscv_isa),
		cmocka_unit_test(test_isa_extensions_list),
		cmocka_unit_test(test_list_wins),
		cmocka_unit_test(test_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
