/* test_host_dtb.c: the host-DTB summary, on DTBs dumped by QEMU virt itself (build/dtb/, made by make).
 * unit-sources: hv/base/host_dtb.c hv/base/isa.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>
#include "base/host_dtb.h"
#include "base/err.h"

static void *load_dtb(const char *name, size_t extra)
{
	char path[256];
	snprintf(path, sizeof(path), "build/dtb/%s", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run make test, which makes it with qemu dumpdtb)", path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *buf = calloc(1, (size_t)size + extra);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	if (extra)
		assert_int_equal(fdt_open_into(buf, buf, (int)(size + extra)), 0);
	return buf;
}

static void test_virt_128M_1hart(void **state)
{
	(void)state;
	void *fdt = load_dtb("virt-128M-1.dtb", 0);
	struct host_info info;
	assert_int_equal(host_dtb_parse(fdt, 0, &info), HV_OK);
	assert_int_equal(info.nharts, 1);
	assert_int_equal(info.nram, 1);
	assert_int_equal(info.ram[0].base, 0x80000000);
	assert_int_equal(info.ram[0].size, 128 << 20);
	assert_int_equal(info.timebase_hz, 10000000);
	assert_int_equal(info.uart.base, 0x10000000);
	assert_int_equal(info.uart.irq, 10);
	assert_int_equal(info.nvirtio, 8);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(info.virtio[i].base, 0x10001000 + i * 0x1000);
		assert_int_equal(info.virtio[i].irq, i + 1);
	}
	assert_int_equal(info.npflash, 2);
	assert_int_equal(info.pflash[1].base, 0x22000000);
	assert_int_equal(info.pflash[1].size, 32 << 20);
	assert_int_equal(info.plic.base, 0x0c000000);
	assert_true(info.has_h);
	assert_true(info.has_sstc);
	assert_int_equal(info.nreserved, 0);
	free(fdt);
}

static void test_virt_1G_4harts(void **state)
{
	(void)state;
	void *fdt = load_dtb("virt-1G-4.dtb", 0);
	struct host_info info;
	assert_int_equal(host_dtb_parse(fdt, 2, &info), HV_OK);
	assert_int_equal(info.nharts, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(info.hart_ids[i], i);
	assert_int_equal(info.boot_hart, 2);
	assert_int_equal(info.ram[0].size, 1UL << 30);
	free(fdt);
}

/* More harts than HV_MAX_HARTS: all are counted, the first HV_MAX_HARTS ids are kept. */
static void test_virt_130harts(void **state)
{
	(void)state;
	void *fdt = load_dtb("virt-256M-130.dtb", 0);
	struct host_info info;
	assert_int_equal(host_dtb_parse(fdt, 5, &info), HV_OK);
	assert_int_equal(info.nharts, 130);
	for (int i = 0; i < HV_MAX_HARTS; i++)
		assert_int_equal(info.hart_ids[i], i);
	assert_int_equal(info.boot_hart, 5);
	free(fdt);
}

/* OpenSBI adds /reserved-memory for its own region; the parser must report it. */
static void test_reserved_regions(void **state)
{
	(void)state;
	void *fdt = load_dtb("virt-128M-1.dtb", 4096);
	int rm = fdt_add_subnode(fdt, 0, "reserved-memory");
	assert_true(rm >= 0);
	assert_int_equal(fdt_setprop_u32(fdt, rm, "#address-cells", 2), 0);
	assert_int_equal(fdt_setprop_u32(fdt, rm, "#size-cells", 2), 0);
	int n = fdt_add_subnode(fdt, rm, "mmode_resv0@80000000");
	assert_true(n >= 0);
	assert_int_equal(fdt_appendprop_addrrange(fdt, rm, n, "reg", 0x80000000, 0x40000), 0);
	assert_int_equal(fdt_add_mem_rsv(fdt, 0x87000000, 0x1000), 0);
	struct host_info info;
	assert_int_equal(host_dtb_parse(fdt, 0, &info), HV_OK);
	assert_int_equal(info.nreserved, 2);
	assert_int_equal(info.reserved[0].base, 0x87000000);
	assert_int_equal(info.reserved[1].base, 0x80000000);
	assert_int_equal(info.reserved[1].size, 0x40000);
	free(fdt);
}

static void test_not_a_dtb(void **state)
{
	(void)state;
	static uint8_t junk[64] = { 1, 2, 3 };
	struct host_info info;
	assert_int_equal(host_dtb_parse(junk, 0, &info), HV_EINVAL);
}

static void test_isa_parsing(void **state)
{
	(void)state;
	assert_true(isa_has_letter("rv64imafdch_zicsr_sstc", 'h'));
	assert_false(isa_has_letter("rv64imafdc_zicsr_zihintpause", 'h'));   /* h only in a long name */
	assert_true(isa_has_extension("rv64imafdch_zicsr_sstc", "sstc"));
	assert_false(isa_has_extension("rv64imafdch_sstcx", "sstc"));
	assert_false(isa_has_extension("rv64imafdch", "sstc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virt_128M_1hart),
		cmocka_unit_test(test_virt_1G_4harts),
		cmocka_unit_test(test_virt_130harts),
		cmocka_unit_test(test_reserved_regions),
		cmocka_unit_test(test_not_a_dtb),
		cmocka_unit_test(test_isa_parsing),
	};
	return cmocka_run_group_tests_name("host_dtb", tests, NULL, NULL);
}
