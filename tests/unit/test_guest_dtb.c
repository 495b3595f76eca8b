/* test_guest_dtb.c: the guest device-tree builder, its trees read back with libfdt, and the ISA filter.
 * The devices' nodes are described by the real device kinds (hv/vdev/), as the VM builder does.
 * unit-sources: $(VDEV_UNIT_SOURCES)
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
#include "loader/guest_dtb.h"
#include "base/err.h"
#include "vdev/pflash.h"
#include "vdev/plic_device.h"
#include "vdev/uart_device.h"
#include "vm/vm_config.h"

#define HOST_ISA "rv64imafdch_zicsr_zifencei_sstc"
#define GUEST_ISA "rv64imafdc_zicsr_zifencei_sstc"

static _Alignas(8) uint8_t dtb[16384];
static char err[160];

/* The nodes of a uart (interrupt 10), a flash and a PLIC, as their kinds describe them. */
enum { DEV_UART, DEV_FLASH, DEV_PLIC, NDEVS };
static struct vmcfg_device cfg[NDEVS];
static struct guest_dtb_device devs[NDEVS];

static struct guest_dtb_device describe(int i, const struct vdev_kind *kind, uint64_t base, uint64_t size)
{
	cfg[i].kind = kind;
	cfg[i].base = base;
	cfg[i].size = size;
	struct guest_dtb_device out;
	kind->dtb_node(&cfg[i], &out);
	return out;
}

static struct guest_dtb_device uart_node(void)
{
	VMCFG_PROPS(&cfg[DEV_UART], struct uart_props)->irq = 10;
	return describe(DEV_UART, &vdev_uart, 0x10000000, 0x100);
}

static struct guest_dtb_params full_params(void)
{
	devs[DEV_UART] = uart_node();
	devs[DEV_FLASH] = describe(DEV_FLASH, &vdev_pflash, 0x20000000, 0x2000000);
	devs[DEV_PLIC] = describe(DEV_PLIC, &vdev_plic, 0x0c000000, 0x600000);
	return (struct guest_dtb_params){
		.ram_base = 0x80000000, .ram_size = 0x10000000,
		.nvcpus = 2, .isa = HOST_ISA, .timebase = 10000000,
		.bootargs = "console=ttyS0 earlycon",
		.initrd_start = 0x88000000, .initrd_end = 0x88400000,
		.ndevices = NDEVS, .devices = devs,
	};
}

static struct guest_dtb_params minimal_params(void)
{
	return (struct guest_dtb_params){
		.ram_base = 0x80000000, .ram_size = 0x8000000,
		.nvcpus = 1, .isa = HOST_ISA, .timebase = 10000000,
	};
}

/* Builds into dtb and checks the header and the size returned. */
static void build_ok(const struct guest_dtb_params *p)
{
	memset(dtb, 0xa5, sizeof(dtb));
	err[0] = 0;
	int size = guest_dtb_build(p, dtb, sizeof(dtb), err, sizeof(err));
	if (size <= 0)
		fail_msg("guest_dtb_build: %d: %s", size, err);
	assert_int_equal(fdt_check_header(dtb), 0);
	assert_int_equal(fdt_totalsize(dtb), (uint32_t)size);
}

static int node(const char *path)
{
	int off = fdt_path_offset(dtb, path);
	if (off < 0)
		fail_msg("no node %s: %s", path, fdt_strerror(off));
	return off;
}

static const void *prop(int off, const char *name, int expect_len)
{
	int len;
	const void *v = fdt_getprop(dtb, off, name, &len);
	if (!v)
		fail_msg("no property %s", name);
	assert_int_equal(len, expect_len);
	return v;
}

static void assert_string(int off, const char *name, const char *value)
{
	assert_string_equal(prop(off, name, (int)strlen(value) + 1), value);
}

static uint32_t u32(int off, const char *name)
{
	return fdt32_ld(prop(off, name, 4));
}

static uint64_t u64(int off, const char *name)
{
	return fdt64_ld(prop(off, name, 8));
}

static void assert_reg(int off, uint64_t base, uint64_t size)
{
	const fdt64_t *reg = prop(off, "reg", 16);
	assert_int_equal(fdt64_ld(&reg[0]), base);
	assert_int_equal(fdt64_ld(&reg[1]), size);
}

static void assert_no_prop(int off, const char *name)
{
	assert_null(fdt_getprop(dtb, off, name, NULL));
}

/* ---- full tree ---- */

static void test_full_root_chosen_memory(void **state)
{
	(void)state;
	struct guest_dtb_params p = full_params();
	build_ok(&p);
	int root = node("/");
	assert_int_equal(u32(root, "#address-cells"), 2);
	assert_int_equal(u32(root, "#size-cells"), 2);
	assert_string(root, "compatible", "riscv-virtio");
	assert_string(root, "model", "hartvisor,vm");

	int chosen = node("/chosen");
	assert_string(chosen, "bootargs", "console=ttyS0 earlycon");
	assert_string(chosen, "stdout-path", "/soc/serial@10000000");
	assert_int_equal(fdt_path_offset(dtb, prop(chosen, "stdout-path", 21)), node("/soc/serial@10000000"));
	assert_int_equal(u64(chosen, "linux,initrd-start"), 0x88000000);
	assert_int_equal(u64(chosen, "linux,initrd-end"), 0x88400000);

	int mem = node("/memory@80000000");
	assert_string(mem, "device_type", "memory");
	assert_reg(mem, 0x80000000, 0x10000000);
}

static void test_full_cpus(void **state)
{
	(void)state;
	struct guest_dtb_params p = full_params();
	build_ok(&p);
	int cpus = node("/cpus");
	assert_int_equal(u32(cpus, "#address-cells"), 1);
	assert_int_equal(u32(cpus, "#size-cells"), 0);
	assert_int_equal(u32(cpus, "timebase-frequency"), 10000000);

	uint32_t phandles[2];
	for (int n = 0; n < 2; n++) {
		char path[32];
		snprintf(path, sizeof(path), "/cpus/cpu@%d", n);
		int cpu = node(path);
		assert_string(cpu, "device_type", "cpu");
		assert_int_equal(u32(cpu, "reg"), (uint32_t)n);
		assert_string(cpu, "status", "okay");
		assert_string(cpu, "compatible", "riscv");
		assert_string(cpu, "riscv,isa", GUEST_ISA);
		assert_string(cpu, "mmu-type", "riscv,sv39");

		int intc = fdt_subnode_offset(dtb, cpu, "interrupt-controller");
		assert_true(intc >= 0);
		assert_string(intc, "compatible", "riscv,cpu-intc");
		assert_int_equal(u32(intc, "#interrupt-cells"), 1);
		prop(intc, "interrupt-controller", 0);
		phandles[n] = u32(intc, "phandle");
		assert_true(phandles[n] != 0 && phandles[n] != 0xffffffff);
		assert_int_equal(fdt_node_offset_by_phandle(dtb, phandles[n]), intc);
	}
	assert_int_not_equal(phandles[0], phandles[1]);
	assert_true(fdt_path_offset(dtb, "/cpus/cpu@2") < 0);
}

static void test_full_soc_flash(void **state)
{
	(void)state;
	struct guest_dtb_params p = full_params();
	build_ok(&p);
	int soc = node("/soc");
	assert_int_equal(u32(soc, "#address-cells"), 2);
	assert_int_equal(u32(soc, "#size-cells"), 2);
	assert_string(soc, "compatible", "simple-bus");
	prop(soc, "ranges", 0);

	int uart = node("/soc/serial@10000000");
	assert_string(uart, "compatible", "ns16550a");
	assert_reg(uart, 0x10000000, 0x100);
	assert_int_equal(u32(uart, "clock-frequency"), 3686400);
	assert_int_equal(u32(uart, "interrupts"), 10);

	/* the uart's interrupt parent is the PLIC, whose contexts are each cpu's S-external interrupt */
	int plic = fdt_node_offset_by_phandle(dtb, u32(uart, "interrupt-parent"));
	assert_int_equal(plic, node("/soc/plic@c000000"));
	assert_string(plic, "compatible", "riscv,plic0");
	assert_reg(plic, 0x0c000000, 0x600000);
	assert_int_equal(u32(plic, "#interrupt-cells"), 1);
	assert_int_equal(u32(plic, "riscv,ndev"), 31);
	prop(plic, "interrupt-controller", 0);
	const fdt32_t *ext = prop(plic, "interrupts-extended", 16);
	for (int n = 0; n < 2; n++) {
		char path[48];
		snprintf(path, sizeof(path), "/cpus/cpu@%d/interrupt-controller", n);
		assert_int_equal(fdt_node_offset_by_phandle(dtb, fdt32_ld(&ext[2 * n])), node(path));
		assert_int_equal(fdt32_ld(&ext[2 * n + 1]), 9);
	}

	int flash = node("/flash@20000000");
	assert_string(flash, "compatible", "cfi-flash");
	assert_reg(flash, 0x20000000, 0x2000000);
	assert_int_equal(u32(flash, "bank-width"), 4);
}

/* ---- minimal tree ---- */

static void test_minimal(void **state)
{
	(void)state;
	struct guest_dtb_params p = minimal_params();
	build_ok(&p);
	int chosen = node("/chosen");
	assert_no_prop(chosen, "bootargs");
	assert_no_prop(chosen, "stdout-path");
	assert_no_prop(chosen, "linux,initrd-start");
	assert_no_prop(chosen, "linux,initrd-end");
	assert_reg(node("/memory@80000000"), 0x80000000, 0x8000000);
	node("/cpus/cpu@0");
	assert_true(fdt_path_offset(dtb, "/cpus/cpu@1") < 0);
	int soc = node("/soc");
	assert_int_equal(fdt_first_subnode(dtb, soc), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_offset_by_compatible(dtb, -1, "ns16550a"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_offset_by_compatible(dtb, -1, "cfi-flash"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_offset_by_compatible(dtb, -1, "riscv,plic0"), -FDT_ERR_NOTFOUND);

	/* a uart without a PLIC has no interrupt properties */
	devs[DEV_UART] = uart_node();
	p.ndevices = 1;
	p.devices = &devs[DEV_UART];
	build_ok(&p);
	assert_no_prop(node("/soc/serial@10000000"), "interrupts");
	assert_no_prop(node("/soc/serial@10000000"), "interrupt-parent");
	p.ndevices = 0;

	p.bootargs = "";
	build_ok(&p);
	assert_no_prop(node("/chosen"), "bootargs");
}

static void test_eight_vcpus(void **state)
{
	(void)state;
	struct guest_dtb_params p = minimal_params();
	p.nvcpus = 8;
	build_ok(&p);
	int intc = node("/cpus/cpu@7/interrupt-controller");
	assert_int_equal(u32(node("/cpus/cpu@7"), "reg"), 7);
	assert_int_equal(fdt_node_offset_by_phandle(dtb, u32(intc, "phandle")), intc);
}

/* ---- errors ---- */

static void test_buffer_too_small(void **state)
{
	(void)state;
	struct guest_dtb_params p = full_params();
	int full = guest_dtb_build(&p, dtb, sizeof(dtb), err, sizeof(err));
	assert_true(full > 0);
	/* Every shorter length fails cleanly (ASan watches the heap copy for overruns). */
	for (int len = 0; len < full; len++) {
		uint8_t *small = malloc(len ? (size_t)len : 1);
		err[0] = 0;
		assert_int_equal(guest_dtb_build(&p, small, (size_t)len, err, sizeof(err)), HV_ERANGE);
		assert_non_null(strstr(err, "does not fit"));
		free(small);
	}
	uint8_t *exact = malloc((size_t)full);
	assert_int_equal(guest_dtb_build(&p, exact, (size_t)full, NULL, 0), full);
	assert_int_equal(fdt_check_header(exact), 0);
	free(exact);
}

static void expect_bad(const struct guest_dtb_params *p, const char *words)
{
	err[0] = 0;
	int ret = guest_dtb_build(p, dtb, sizeof(dtb), err, sizeof(err));
	assert_true(ret < 0);
	if (!strstr(err, words))
		fail_msg("error \"%s\" does not mention \"%s\"", err, words);
	assert_null(strchr(err, '\n'));
	assert_int_equal(guest_dtb_build(p, dtb, sizeof(dtb), NULL, 0), ret);   /* err may be NULL */
}

static void test_bad_params(void **state)
{
	(void)state;
	struct guest_dtb_params p = full_params();
	p.nvcpus = 0;
	expect_bad(&p, "0 vCPUs");
	p.nvcpus = 9;
	expect_bad(&p, "9 vCPUs");
	p.nvcpus = -1;
	expect_bad(&p, "vCPUs");

	p = full_params();
	p.initrd_start = 0x70000000;
	expect_bad(&p, "outside RAM");
	p.initrd_start = 0x8ff00000;
	p.initrd_end = 0x90000001;
	expect_bad(&p, "outside RAM");
	p.initrd_start = 0x88000000;
	p.initrd_end = 0x88000000;
	expect_bad(&p, "not below");
	p.initrd_start = 0x88400000;
	p.initrd_end = 0x88000000;
	expect_bad(&p, "not below");
	p.initrd_start = 0;
	p.initrd_end = 0x88000000;
	expect_bad(&p, "outside RAM");

	p = full_params();
	p.ram_base = 0xfffffffff0000000ULL;
	p.ram_size = 0x20000000;
	expect_bad(&p, "wraps");
	p = full_params();
	p.ram_size = 0;
	expect_bad(&p, "size 0");
	p = full_params();
	p.isa = NULL;
	expect_bad(&p, "riscv,isa");
	p = full_params();
	devs[DEV_UART].size = 0;
	expect_bad(&p, "UART");
	p = full_params();
	devs[DEV_UART].irq = 0;
	expect_bad(&p, "not a PLIC source");
	devs[DEV_UART].irq = 32;
	expect_bad(&p, "not a PLIC source");
	p = full_params();
	devs[DEV_PLIC].size = 0;
	expect_bad(&p, "PLIC");

	assert_int_equal(guest_dtb_build(NULL, dtb, sizeof(dtb), err, sizeof(err)), HV_EINVAL);
	p = full_params();
	assert_int_equal(guest_dtb_build(&p, NULL, 0, err, sizeof(err)), HV_EINVAL);
}

static void test_ram_at_top(void **state)
{
	(void)state;
	struct guest_dtb_params p = minimal_params();
	p.ram_base = 0xfffffffff0000000ULL;
	p.ram_size = 0x10000000;   /* ends exactly at 2^64: allowed */
	build_ok(&p);
	assert_reg(node("/memory@fffffffff0000000"), p.ram_base, p.ram_size);
}

/* ---- the ISA filter ---- */

static void expect_isa(const char *host, const char *guest)
{
	char out[128];
	memset(out, 'x', sizeof(out));
	assert_int_equal(guest_dtb_isa(host, out, sizeof(out)), HV_OK);
	assert_string_equal(out, guest);
}

static void test_isa(void **state)
{
	(void)state;
	expect_isa("rv64imafdch", "rv64imafdc");
	expect_isa("rv64imafdch_zicsr_sstc", "rv64imafdc_zicsr_sstc");
	expect_isa("rv64imafdc_h_zicsr", "rv64imafdc_zicsr");
	expect_isa("rv64imafdc_zicsr_hypervisor", "rv64imafdc_zicsr");
	expect_isa("rv64imafdch_h", "rv64imafdc");
	expect_isa("rv32imach_zihintpause_zicsr", "rv32imac_zihintpause_zicsr");
	expect_isa("rv64imafdchzihintpause_sstc", "rv64imafdczihintpause_sstc");
	expect_isa("rv64imafdc_zicsr", "rv64imafdc_zicsr");
	expect_isa("rv64imafdcsuh", "rv64imafdcsu");
	expect_isa("", "");
}

static void test_isa_out_too_small(void **state)
{
	(void)state;
	char out[16];
	/* "rv64imafdc" needs 11 bytes with its NUL */
	assert_int_equal(guest_dtb_isa("rv64imafdch", out, 11), HV_OK);
	assert_string_equal(out, "rv64imafdc");
	memset(out, 'x', sizeof(out));
	assert_int_equal(guest_dtb_isa("rv64imafdch", out, 10), HV_ERANGE);
	assert_string_equal(out, "");
	assert_int_equal(guest_dtb_isa("rv64imafdch", out, 0), HV_ERANGE);
	assert_int_equal(out[0], 0);
	assert_int_equal(guest_dtb_isa(HOST_ISA, out, sizeof(out)), HV_ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_root_chosen_memory),
		cmocka_unit_test(test_full_cpus),
		cmocka_unit_test(test_full_soc_flash),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_eight_vcpus),
		cmocka_unit_test(test_buffer_too_small),
		cmocka_unit_test(test_bad_params),
		cmocka_unit_test(test_ram_at_top),
		cmocka_unit_test(test_isa),
		cmocka_unit_test(test_isa_out_too_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
