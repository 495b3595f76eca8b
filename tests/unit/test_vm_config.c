/* test_vm_config.c: VM descriptions, compiled by dtc from sources written here (and built with libfdt), parsed.
 * The device kinds are the real ones (hv/vdev/); what they would need of a running hypervisor is faked.
 * unit-sources: $(VDEV_UNIT_SOURCES)
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
#include <libfdt.h>
#include "vdev/pflash.h"
#include "vdev/test_device.h"
#include "vdev/uart_device.h"
#include "vdev/plic_device.h"
#include "vm/vm_config.h"
#include "base/err.h"
#include "trace/trace.h"

#define FILE_NAME "configs/x.dtb"

/* ---- building descriptions ---- */

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *buf = malloc((size_t)n);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (size_t)n;
	return buf;
}

/* dtc -q: some error cases (vm@0 without reg, #address-cells 3) draw dtc warnings on purpose */
static void *compile_file(const char *src, size_t *size)
{
	char dtb[64], cmd[256];
	snprintf(dtb, sizeof(dtb), "/tmp/hv_vmcfg_%d.dtb", (int)getpid());
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", dtb, src);
	if (system(cmd) != 0)
		fail_msg("dtc failed on %s", src);
	void *buf = read_file(dtb, size);
	unlink(dtb);
	assert_non_null(buf);
	return buf;
}

static void *compile_dts(const char *dts, size_t *size)
{
	char src[64];
	snprintf(src, sizeof(src), "/tmp/hv_vmcfg_%d.dts", (int)getpid());
	FILE *f = fopen(src, "w");
	assert_non_null(f);
	fputs(dts, f);
	fclose(f);
	void *buf = compile_file(src, size);
	unlink(src);
	return buf;
}

#define ROOT_OPEN \
	"/dts-v1/;\n/ {\n\tcompatible = \"hartvisor,vm-description\";\n" \
	"\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
#define VM_PROPS "compatible = \"hartvisor,vm\"; #address-cells = <2>; #size-cells = <2>;\n"
#define VM0(body) "\tvm@0 {\n" VM_PROPS body "\t};\n"
#define DESC(body) ROOT_OPEN VM0(body) "};\n"
#define NAME   "vm-name = \"t\";\n"
#define MEM    "memory = <0x0 0x80000000 0x0 0x1000000>;\n"
#define KERNEL "kernel = \"/sbin/k\";\n"
#define BASE   NAME MEM KERNEL
#define TESTDEV(addr) "test-device@" #addr " { compatible = \"hartvisor,test-device\"; " \
	"reg = <0x0 0x" #addr " 0x0 0x1000>; };\n"

static int parse(const char *dts, struct vm_config *out, int max, char *err, size_t errlen)
{
	size_t size;
	void *dtb = compile_dts(dts, &size);
	int r = vm_config_parse(dtb, size, FILE_NAME, out, max, err, errlen);
	free(dtb);
	return r;
}

static struct vm_config cfgs[VMCFG_MAX_VMS + 1];   /* static: struct vm_config is large */

/* ---- descriptions that parse ---- */

static const char full_example[] =
	ROOT_OPEN
	"\tvm@0 {\n"
	"\t\tcompatible = \"hartvisor,vm\";\n"
	"\t\t#address-cells = <2>;\n"
	"\t\t#size-cells = <2>;\n"
	"\t\tvm-name = \"simple_hv\";\n"
	"\t\tmemory = <0x0 0x80000000 0x0 0x1000000>;\n"
	"\t\tkernel = \"/sbin/skernel\";\n"
	"\t\tkernel-address = <0x0 0x80200000>;\n"
	"\t\tentry = <0x0 0x80200000>;\n"
	"\t\tinitrd = \"/boot/initrd\";\n"
	"\t\tbootargs = \"console=ttyS0\";\n"
	"\t\tvcpus = <1>;\n"
	"\t\ttrace = \"exits\";\n"
	"\t\tgstage = \"sv39x4\";\n"
	"\t\twatchdog-ms = <500>;\n"
	"\t\tcsr-emulate { mhartid = <0x0 0x1234>; };\n"
	"\t\ttest-device@0 { compatible = \"hartvisor,test-device\"; reg = <0x0 0x0 0x0 0x1000>; "
	"read-value = <0x0 0x6688>; };\n"
	"\t\tserial@10000000 { compatible = \"ns16550a\"; reg = <0x0 0x10000000 0x0 0x100>; };\n"
	"\t\tflash@22000000 { compatible = \"cfi-flash\"; reg = <0x0 0x22000000 0x0 0x2000000>; "
	"mode = \"passthrough\"; backing = \"host\"; };\n"
	"\t\tplic@c000000 { compatible = \"riscv,plic0\"; reg = <0x0 0xc000000 0x0 0x600000>; };\n"
	"\t};\n"
	"};\n";

static void test_full_example(void **state)
{
	(void)state;
	char err[256] = "untouched";
	assert_int_equal(parse(full_example, cfgs, VMCFG_MAX_VMS, err, sizeof(err)), 1);
	assert_string_equal(err, "");
	const struct vm_config *vm = &cfgs[0];
	assert_string_equal(vm->name, "simple_hv");
	assert_int_equal(vm->ram_base, 0x80000000);
	assert_int_equal(vm->ram_size, 16 << 20);
	assert_string_equal(vm->kernel, "/sbin/skernel");
	assert_int_equal(vm->kernel_addr, 0x80200000);
	assert_int_equal(vm->entry, 0x80200000);
	assert_string_equal(vm->initrd, "/boot/initrd");
	assert_string_equal(vm->bootargs, "console=ttyS0");
	assert_int_equal(vm->nvcpus, 1);
	assert_int_equal(vm->trace_level, TRACE_EXITS);
	assert_int_equal(vm->gstage_levels, 3);
	assert_int_equal(vm->watchdog_ms, 500);
	assert_int_equal(vm->ncsrs, 1);
	assert_int_equal(vm->csrs[0].csr, 0xf14);
	assert_int_equal(vm->csrs[0].value, 0x1234);
	assert_int_equal(vm->ndevices, 4);
	const struct vmcfg_device *d = vm->devices;
	assert_ptr_equal(d[0].kind, &vdev_test_device);
	assert_string_equal(d[0].name, "test-device@0");
	assert_int_equal(d[0].base, 0);
	assert_int_equal(d[0].size, 0x1000);
	assert_int_equal(VMCFG_PROPS(&d[0], const struct test_device_props)->read_value, 0x6688);
	assert_ptr_equal(d[1].kind, &vdev_uart);
	assert_string_equal(d[1].name, "serial@10000000");
	assert_int_equal(d[1].base, 0x10000000);
	assert_int_equal(d[1].size, 0x100);
	assert_int_equal(VMCFG_PROPS(&d[1], const struct uart_props)->irq, 10);   /* QEMU virt's uart source unless "interrupts" says */
	assert_ptr_equal(d[2].kind, &vdev_pflash);
	assert_string_equal(d[2].name, "flash@22000000");
	assert_int_equal(d[2].base, 0x22000000);
	assert_int_equal(d[2].size, 32 << 20);
	assert_string_equal(VMCFG_PROPS(&d[2], const struct pflash_props)->mode, "passthrough");
	assert_string_equal(VMCFG_PROPS(&d[2], const struct pflash_props)->backing, "host");
	assert_ptr_equal(d[3].kind, &vdev_plic);
	assert_int_equal(d[3].base, 0xc000000);
	assert_int_equal(d[3].size, 0x600000);
}

static void test_defaults(void **state)
{
	(void)state;
	char err[256];
	memset(cfgs, 0xa5, sizeof(cfgs));   /* every default must be written, not inherited */
	assert_int_equal(parse(DESC(BASE "flash@20000000 { compatible = \"cfi-flash\"; "
				    "reg = <0x0 0x20000000 0x0 0x2000000>; };\n"
				    "test-device@1000 { compatible = \"hartvisor,test-device\"; "
				    "reg = <0x0 0x1000 0x0 0x1000>; };\n"),
			       cfgs, VMCFG_MAX_VMS, err, sizeof(err)), 1);
	const struct vm_config *vm = &cfgs[0];
	assert_string_equal(vm->name, "t");
	assert_int_equal(vm->kernel_addr, 0);
	assert_int_equal(vm->entry, 0);
	assert_string_equal(vm->initrd, "");
	assert_string_equal(vm->bootargs, "");
	assert_int_equal(vm->nvcpus, 1);
	assert_int_equal(vm->trace_level, -1);
	assert_int_equal(vm->gstage_levels, 3);
	assert_int_equal(vm->watchdog_ms, 0);   /* no watchdog unless the description asks */
	assert_int_equal(vm->ncsrs, 0);
	assert_int_equal(vm->ndevices, 2);
	assert_string_equal(VMCFG_PROPS(&vm->devices[0], const struct pflash_props)->mode, "emulate");
	assert_string_equal(VMCFG_PROPS(&vm->devices[0], const struct pflash_props)->backing, "host");
	assert_int_equal(VMCFG_PROPS(&vm->devices[1], const struct test_device_props)->read_value, 0);
}

static void test_entry_defaults_to_kernel_address(void **state)
{
	(void)state;
	char err[256];
	assert_int_equal(parse(DESC(BASE "kernel-address = <0x0 0x80400000>;\n"), cfgs, 1, err, sizeof(err)), 1);
	assert_int_equal(cfgs[0].kernel_addr, 0x80400000);
	assert_int_equal(cfgs[0].entry, 0x80400000);
	assert_int_equal(parse(DESC(BASE "kernel-address = <0x0 0x80400000>;\nentry = <0x0 0x80400100>;\n"),
			       cfgs, 1, err, sizeof(err)), 1);
	assert_int_equal(cfgs[0].entry, 0x80400100);
}

static void test_every_trace_level_and_sv48(void **state)
{
	(void)state;
	char err[256];
	static const char *const levels[] = { "off", "summary", "exits", "full", "dump" };
	char dts[1024];
	for (int i = 0; i < 5; i++) {
		snprintf(dts, sizeof(dts), DESC(BASE "trace = \"%s\";\n"), levels[i]);
		assert_int_equal(parse(dts, cfgs, 1, err, sizeof(err)), 1);
		assert_int_equal(cfgs[0].trace_level, i);
	}
	/* RAM above the 41-bit space of sv39x4 is fine with sv48x4 */
	assert_int_equal(parse(DESC(NAME KERNEL "gstage = \"sv48x4\";\n"
				    "memory = <0x200 0x0 0x0 0x1000000>;\n"), cfgs, 1, err, sizeof(err)), 1);
	assert_int_equal(cfgs[0].gstage_levels, 4);
	assert_int_equal(cfgs[0].ram_base, 0x20000000000ULL);
}

static void test_several_vms_and_limits(void **state)
{
	(void)state;
	char err[256];
	const char *two = ROOT_OPEN
		"\tvm0 {\n" VM_PROPS "vm-name = \"a\";\n" MEM KERNEL "vcpus = <4>;\n"
		"csr-emulate { mhartid = <0x0 0x1>; mvendorid = <0xffffffff 0xfffffffe>; };\n\t};\n"
		"\tvm1 {\n" VM_PROPS "vm-name = \"b\";\n" MEM KERNEL "\t};\n"
		"};\n";
	assert_int_equal(parse(two, cfgs, VMCFG_MAX_VMS, err, sizeof(err)), 2);
	assert_string_equal(cfgs[0].name, "a");
	assert_string_equal(cfgs[1].name, "b");
	assert_int_equal(cfgs[0].nvcpus, 4);
	assert_int_equal(cfgs[0].ncsrs, 2);
	assert_int_equal(cfgs[0].csrs[1].csr, 0xf11);
	assert_int_equal(cfgs[0].csrs[1].value, 0xfffffffffffffffeULL);
	/* the caller's array holds one: the second vm is one too many, skipped; the first still runs */
	assert_int_equal(parse(two, cfgs, 1, err, sizeof(err)), 1);
	assert_string_equal(err, FILE_NAME ": /vm1: one vm too many (at most 1)");
	assert_string_equal(cfgs[0].name, "a");
	assert_int_equal(parse(two, cfgs, 0, err, sizeof(err)), HV_EINVAL);
	/* a name of VM_NAME_LEN - 1 characters fits */
	assert_int_equal(parse(DESC(MEM KERNEL "vm-name = \"0123456789012345678901234567890\";\n"),
			       cfgs, 1, err, sizeof(err)), 1);
	assert_int_equal(strlen(cfgs[0].name), VM_NAME_LEN - 1);
}

static void test_device_pages_and_cells(void **state)
{
	(void)state;
	char err[256];
	/* a 0x100-byte device owns its page; the next page is free for another device */
	assert_int_equal(parse(DESC(BASE "serial@10000000 { compatible = \"ns16550a\"; "
				    "reg = <0x0 0x10000000 0x0 0x100>; };\n" TESTDEV(10001000)),
			       cfgs, 1, err, sizeof(err)), 1);
	/* a device right below and right above RAM */
	assert_int_equal(parse(DESC(BASE TESTDEV(7ffff000) TESTDEV(81000000)), cfgs, 1, err, sizeof(err)), 1);
	/* one-cell addresses and sizes in the vm node */
	assert_int_equal(parse(ROOT_OPEN "\tvm {\n compatible = \"hartvisor,vm\"; #address-cells = <1>; "
			       "#size-cells = <1>;\n" BASE
			       "test-device@3000 { compatible = \"hartvisor,test-device\"; reg = <0x3000 0x2000>; };\n"
			       "\t};\n};\n", cfgs, 1, err, sizeof(err)), 1);
	assert_int_equal(cfgs[0].devices[0].base, 0x3000);
	assert_int_equal(cfgs[0].devices[0].size, 0x2000);
}

static void test_shipped_configs(void **state)
{
	(void)state;
	char err[256];
	size_t size;
	void *dtb = compile_file("configs/simple_hv.dts", &size);
	assert_int_equal(vm_config_parse(dtb, size, "simple_hv.dtb", cfgs, VMCFG_MAX_VMS, err, sizeof(err)), 1);
	free(dtb);
	const struct vm_config *vm = &cfgs[0];
	assert_string_equal(vm->name, "simple_hv");
	assert_int_equal(vm->ram_base, 0x80000000);
	assert_int_equal(vm->ram_size, 16 << 20);
	assert_string_equal(vm->kernel, "/sbin/skernel");
	assert_int_equal(vm->kernel_addr, 0x80200000);
	assert_int_equal(vm->nvcpus, 1);
	assert_int_equal(vm->trace_level, TRACE_EXITS);
	assert_int_equal(vm->ncsrs, 1);
	assert_int_equal(vm->csrs[0].csr, 0xf14);
	assert_int_equal(vm->csrs[0].value, 0x1234);
	assert_int_equal(vm->ndevices, 1);
	assert_ptr_equal(vm->devices[0].kind, &vdev_test_device);
	assert_int_equal(vm->devices[0].base, 0);
	assert_int_equal(vm->devices[0].size, 0x1000);
	assert_int_equal(VMCFG_PROPS(&vm->devices[0], const struct test_device_props)->read_value, 0x6688);

	dtb = compile_file("configs/selftest.dts", &size);
	assert_int_equal(vm_config_parse(dtb, size, "selftest.dtb", cfgs, VMCFG_MAX_VMS, err, sizeof(err)), 1);
	free(dtb);
	assert_string_equal(vm->name, "selftest");
	assert_int_equal(vm->ram_size, 32 << 20);
	assert_string_equal(vm->kernel, "/sbin/selftest");
	assert_int_equal(vm->kernel_addr, 0x80200000);
	assert_int_equal(vm->nvcpus, 2);
	assert_int_equal(vm->trace_level, TRACE_SUMMARY);
	assert_int_equal(vm->ndevices, 0);
}

/* ---- descriptions built with libfdt's sequential-write API ---- */

#define FDT_OK(x) assert_int_equal((x), 0)

static void sw_begin(void *buf, int size)
{
	FDT_OK(fdt_create(buf, size));
	FDT_OK(fdt_finish_reservemap(buf));
	FDT_OK(fdt_begin_node(buf, ""));
	FDT_OK(fdt_property_string(buf, "compatible", "hartvisor,vm-description"));
	FDT_OK(fdt_begin_node(buf, "vm@0"));
	FDT_OK(fdt_property_string(buf, "compatible", "hartvisor,vm"));
	FDT_OK(fdt_property_string(buf, "kernel", "/sbin/k"));
	fdt32_t mem[4] = { 0, cpu_to_fdt32(0x80000000), 0, cpu_to_fdt32(0x100000) };
	FDT_OK(fdt_property(buf, "memory", mem, sizeof(mem)));
}

static void sw_end(void *buf)
{
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_end_node(buf));
	FDT_OK(fdt_finish(buf));
}

static void test_plain_name_property(void **state)
{
	(void)state;
	static char buf[4096];
	char err[256];
	/* dtc rejects name = "x" on a node not called x; a description built otherwise may use it */
	sw_begin(buf, sizeof(buf));
	FDT_OK(fdt_property_string(buf, "name", "from-libfdt"));
	sw_end(buf);
	assert_int_equal(vm_config_parse(buf, fdt_totalsize(buf), FILE_NAME, cfgs, 1, err, sizeof(err)), 1);
	assert_string_equal(cfgs[0].name, "from-libfdt");

	sw_begin(buf, sizeof(buf));
	FDT_OK(fdt_property_u32(buf, "name", 7));
	sw_end(buf);
	assert_int_equal(vm_config_parse(buf, fdt_totalsize(buf), FILE_NAME, cfgs, 1, err, sizeof(err)), HV_EINVAL);
	assert_string_equal(err, FILE_NAME ": /vm@0: property 'name' must be a string");
}

static void test_duplicate_csr(void **state)
{
	(void)state;
	static char buf[4096];
	char err[256];
	sw_begin(buf, sizeof(buf));
	FDT_OK(fdt_property_string(buf, "vm-name", "t"));
	FDT_OK(fdt_begin_node(buf, "csr-emulate"));
	FDT_OK(fdt_property_u64(buf, "mhartid", 1));
	FDT_OK(fdt_property_u64(buf, "mhartid", 2));
	FDT_OK(fdt_end_node(buf));
	sw_end(buf);
	assert_int_equal(vm_config_parse(buf, fdt_totalsize(buf), FILE_NAME, cfgs, 1, err, sizeof(err)), HV_EEXIST);
	assert_string_equal(err, FILE_NAME ": /vm@0/csr-emulate: property 'mhartid' is given twice");
}

/* ---- broken blobs ---- */

static void *good_blob(size_t *size)
{
	return compile_dts(DESC(BASE), size);
}

static void expect_blob_error(const void *dtb, size_t size, int code)
{
	char err[256];
	assert_int_equal(vm_config_parse(dtb, size, FILE_NAME, cfgs, 1, err, sizeof(err)), code);
	assert_memory_equal(err, FILE_NAME ": /: ", strlen(FILE_NAME ": /: "));
}

static void test_bad_blobs(void **state)
{
	(void)state;
	size_t size;
	uint8_t *dtb = good_blob(&size);
	assert_int_equal(vm_config_parse(dtb, size, FILE_NAME, cfgs, 1, NULL, 0), 1);
	expect_blob_error(NULL, 0, HV_ECORRUPT);
	expect_blob_error(dtb, 16, HV_ECORRUPT);              /* shorter than a header */
	expect_blob_error(dtb, size - 1, HV_ECORRUPT);        /* totalsize > size */
	dtb[0] ^= 0xff;                                       /* bad magic */
	expect_blob_error(dtb, size, HV_ECORRUPT);
	dtb[0] ^= 0xff;
	uint32_t off = fdt_off_dt_struct(dtb);                /* structure block: not a BEGIN_NODE */
	dtb[off + 3] = 0x7;
	expect_blob_error(dtb, size, HV_ECORRUPT);
	dtb[off + 3] = FDT_BEGIN_NODE;
	/* the root's first property (after BEGIN_NODE and its empty name) with length -12: it steps back onto
	 * itself, which made libfdt 1.6's fdt_check_full loop forever (found by tests/fuzz/fuzz_vm_config) */
	assert_int_equal(fdt32_ld((const fdt32_t *)(dtb + off + 8)), FDT_PROP);
	memcpy(dtb + off + 12, "\xff\xff\xff\xf4", 4);
	expect_blob_error(dtb, size, HV_ECORRUPT);
	free(dtb);
	/* an old layout (version 5): libfdt 1.6's fdt_check_full crashed on a fuzzed one */
	dtb = good_blob(&size);
	fdt_set_version(dtb, 5);
	fdt_set_last_comp_version(dtb, 2);
	expect_blob_error(dtb, size, HV_ECORRUPT);
	free(dtb);
}

/* Flipped bytes must never crash the parser, and every error is one line inside err. */
static void test_mutated_blobs(void **state)
{
	(void)state;
	size_t size;
	uint8_t *good = compile_dts(full_example, &size);
	uint8_t *dtb = malloc(size);
	srand(1234);
	for (int i = 0; i < 5000; i++) {
		memcpy(dtb, good, size);
		for (int k = 0; k < 1 + i % 4; k++)
			dtb[(size_t)rand() % size] = (uint8_t)rand();
		char err[64];
		int r = vm_config_parse(dtb, size, FILE_NAME, cfgs, VMCFG_MAX_VMS, err, sizeof(err));
		assert_true(r >= -9 && r <= VMCFG_MAX_VMS && r != 0);
		if (r < 0) {
			assert_true(strlen(err) < sizeof(err));
			assert_null(strchr(err, '\n'));
		}
	}
	free(dtb);
	free(good);
}

static void test_small_err_buffer(void **state)
{
	(void)state;
	char err[16];
	memset(err, 'Z', sizeof(err));
	assert_int_equal(parse(DESC(NAME KERNEL "memory = <0x0 0x80000000 0x1000>;\n"), cfgs, 1, err, 10),
			 HV_EINVAL);
	assert_string_equal(err, "configs/x");
	assert_int_equal(err[10], 'Z');
	assert_int_equal(parse(DESC(NAME KERNEL), cfgs, 1, NULL, 0), HV_ENOENT);
}

static void test_memory_message_exactly(void **state)
{
	(void)state;
	char err[256];
	assert_int_equal(parse(DESC(NAME KERNEL "memory = <0x0 0x80000000 0x1000000>;\n"), cfgs, 1, err,
			       sizeof(err)), HV_EINVAL);
	assert_string_equal(err, "configs/x.dtb: /vm@0: property 'memory' must be 4 cells (base and size, 64-bit each)");
}

/* ---- every error: the code, and one line naming the file, the node and the property ---- */

struct err_case {
	const char *test_name;
	const char *dts;
	int code;           /* what parse returns: an error, or the number of good vms beside the bad node */
	const char *path;
	const char *prop;   /* NULL when the error is about the node itself */
};

#define NINE_CSRS "csr-emulate { mhartid = <0 1>; mvendorid = <0 1>; marchid = <0 1>; mimpid = <0 1>; " \
	"mstatus = <0 1>; misa = <0 1>; medeleg = <0 1>; mideleg = <0 1>; mie = <0 1>; };\n"
#define NINE_DEVICES TESTDEV(1000) TESTDEV(2000) TESTDEV(3000) TESTDEV(4000) TESTDEV(5000) \
	TESTDEV(6000) TESTDEV(7000) TESTDEV(8000) TESTDEV(9000)
#define FIVE_VMS "vm0 {" VM_PROPS BASE "};\nvm1 {" VM_PROPS "vm-name = \"b\";" MEM KERNEL "};\n" \
	"vm2 {" VM_PROPS "vm-name = \"c\";" MEM KERNEL "};\nvm3 {" VM_PROPS "vm-name = \"d\";" MEM KERNEL "};\n" \
	"vm4 {" VM_PROPS "vm-name = \"e\";" MEM KERNEL "};\n"

static const struct err_case err_cases[] = {
	{ "test_err_memory_3_cells", DESC(NAME KERNEL "memory = <0x0 0x80000000 0x1000000>;\n"),
	  HV_EINVAL, "/vm@0", "memory" },
	{ "test_err_memory_missing", DESC(NAME KERNEL), HV_ENOENT, "/vm@0", "memory" },
	{ "test_err_memory_size_zero", DESC(NAME KERNEL "memory = <0x0 0x80000000 0x0 0x0>;\n"),
	  HV_ERANGE, "/vm@0", "memory" },
	{ "test_err_memory_base_unaligned", DESC(NAME KERNEL "memory = <0x0 0x80000800 0x0 0x1000000>;\n"),
	  HV_ERANGE, "/vm@0", "memory" },
	{ "test_err_memory_size_unaligned", DESC(NAME KERNEL "memory = <0x0 0x80000000 0x0 0x1000800>;\n"),
	  HV_ERANGE, "/vm@0", "memory" },
	{ "test_err_memory_wraps", DESC(NAME KERNEL "memory = <0xffffffff 0xfffff000 0x0 0x2000>;\n"),
	  HV_ERANGE, "/vm@0", "memory" },
	{ "test_err_memory_beyond_sv39x4", DESC(NAME KERNEL "memory = <0x1ff 0xfffff000 0x0 0x2000>;\n"),
	  HV_ERANGE, "/vm@0", "memory" },
	{ "test_err_memory_string", DESC(NAME KERNEL "memory = \"lots\";\n"), HV_EINVAL, "/vm@0", "memory" },
	{ "test_err_name_missing", DESC(MEM KERNEL), HV_ENOENT, "/vm@0", "vm-name" },
	{ "test_err_name_not_string", DESC(MEM KERNEL "vm-name = <1>;\n"), HV_EINVAL, "/vm@0", "vm-name" },
	{ "test_err_name_string_list", DESC(MEM KERNEL "vm-name = \"a\", \"b\";\n"), HV_EINVAL, "/vm@0", "vm-name" },
	{ "test_err_name_empty", DESC(MEM KERNEL "vm-name = \"\";\n"), HV_EINVAL, "/vm@0", "vm-name" },
	{ "test_err_name_too_long", DESC(MEM KERNEL "vm-name = \"01234567890123456789012345678901\";\n"),
	  HV_ERANGE, "/vm@0", "vm-name" },
	{ "test_err_kernel_missing", DESC(NAME MEM), HV_ENOENT, "/vm@0", "kernel" },
	{ "test_err_kernel_not_string", DESC(NAME MEM "kernel = <0x80200000>;\n"), HV_EINVAL, "/vm@0", "kernel" },
	{ "test_err_kernel_address_1_cell", DESC(BASE "kernel-address = <0x80200000>;\n"),
	  HV_EINVAL, "/vm@0", "kernel-address" },
	{ "test_err_kernel_address_outside_ram", DESC(BASE "kernel-address = <0x0 0x81000000>;\n"),
	  HV_ERANGE, "/vm@0", "kernel-address" },
	{ "test_err_entry_3_cells", DESC(BASE "entry = <0x0 0x0 0x80200000>;\n"), HV_EINVAL, "/vm@0", "entry" },
	{ "test_err_initrd_not_string", DESC(BASE "initrd = <1>;\n"), HV_EINVAL, "/vm@0", "initrd" },
	{ "test_err_bootargs_not_string", DESC(BASE "bootargs = [00 01];\n"), HV_EINVAL, "/vm@0", "bootargs" },
	{ "test_err_vcpus_zero", DESC(BASE "vcpus = <0>;\n"), HV_ERANGE, "/vm@0", "vcpus" },
	{ "test_err_vcpus_too_many", DESC(BASE "vcpus = <5>;\n"), HV_ERANGE, "/vm@0", "vcpus" },
	{ "test_err_vcpus_2_cells", DESC(BASE "vcpus = <0 1>;\n"), HV_EINVAL, "/vm@0", "vcpus" },
	{ "test_err_trace_unknown", DESC(BASE "trace = \"verbose\";\n"), HV_EINVAL, "/vm@0", "trace" },
	{ "test_err_trace_not_string", DESC(BASE "trace = <2>;\n"), HV_EINVAL, "/vm@0", "trace" },
	{ "test_err_watchdog_zero", DESC(BASE "watchdog-ms = <0>;\n"), HV_ERANGE, "/vm@0", "watchdog-ms" },
	{ "test_err_watchdog_too_long", DESC(BASE "watchdog-ms = <3600001>;\n"), HV_ERANGE, "/vm@0", "watchdog-ms" },
	{ "test_err_watchdog_2_cells", DESC(BASE "watchdog-ms = <0 500>;\n"), HV_EINVAL, "/vm@0", "watchdog-ms" },
	{ "test_err_watchdog_string", DESC(BASE "watchdog-ms = \"0.5 s\";\n"), HV_EINVAL, "/vm@0", "watchdog-ms" },
	{ "test_err_gstage_unknown", DESC(BASE "gstage = \"sv57x4\";\n"), HV_EINVAL, "/vm@0", "gstage" },
	{ "test_err_unknown_vm_property", DESC(BASE "vpcus = <2>;\n"), HV_EINVAL, "/vm@0", "vpcus" },
	{ "test_err_csr_unknown", DESC(BASE "csr-emulate { mfoo = <0x0 0x1>; };\n"),
	  HV_EINVAL, "/vm@0/csr-emulate", "mfoo" },
	{ "test_err_csr_1_cell", DESC(BASE "csr-emulate { mhartid = <0x1234>; };\n"),
	  HV_EINVAL, "/vm@0/csr-emulate", "mhartid" },
	{ "test_err_csr_too_many", DESC(BASE NINE_CSRS), HV_ERANGE, "/vm@0/csr-emulate", "mie" },
	{ "test_err_device_base_unaligned", DESC(BASE "test-device@1800 { compatible = \"hartvisor,test-device\"; "
						 "reg = <0x0 0x1800 0x0 0x1000>; };\n"),
	  HV_ERANGE, "/vm@0/test-device@1800", "reg" },
	{ "test_err_device_empty", DESC(BASE "test-device@1000 { compatible = \"hartvisor,test-device\"; "
					"reg = <0x0 0x1000 0x0 0x0>; };\n"),
	  HV_ERANGE, "/vm@0/test-device@1000", "reg" },
	{ "test_err_device_wraps", DESC(BASE "dev@fffffffffffff000 { compatible = \"hartvisor,test-device\"; "
					"reg = <0xffffffff 0xfffff000 0x0 0x2000>; };\n"),
	  HV_ERANGE, "/vm@0/dev@fffffffffffff000", "reg" },
	{ "test_err_device_overlaps_ram", DESC(BASE TESTDEV(80fff000)), HV_EEXIST, "/vm@0/test-device@80fff000", "reg" },
	{ "test_err_device_overlaps_device", DESC(BASE "serial@10000000 { compatible = \"ns16550a\"; "
						  "reg = <0x0 0x10000000 0x0 0x1001>; };\n" TESTDEV(10001000)),
	  HV_EEXIST, "/vm@0/test-device@10001000", "reg" },
	{ "test_err_device_reg_3_cells", DESC(BASE "test-device@1000 { compatible = \"hartvisor,test-device\"; "
					      "reg = <0x1000 0x0 0x1000>; };\n"),
	  HV_EINVAL, "/vm@0/test-device@1000", "reg" },
	{ "test_err_device_reg_missing", DESC(BASE "test-device { compatible = \"hartvisor,test-device\"; };\n"),
	  HV_ENOENT, "/vm@0/test-device", "reg" },
	{ "test_err_device_read_value_1_cell", DESC(BASE "test-device@1000 { compatible = \"hartvisor,test-device\"; "
						    "reg = <0x0 0x1000 0x0 0x1000>; read-value = <5>; };\n"),
	  HV_EINVAL, "/vm@0/test-device@1000", "read-value" },
	{ "test_err_device_unknown_property", DESC(BASE "serial@10000000 { compatible = \"ns16550a\"; "
						   "reg = <0x0 0x10000000 0x0 0x100>; clock-frequency = <10>; };\n"),
	  HV_EINVAL, "/vm@0/serial@10000000", "clock-frequency" },
	{ "test_err_uart_irq_zero", DESC(BASE "serial@10000000 { compatible = \"ns16550a\"; "
					 "reg = <0x0 0x10000000 0x0 0x100>; interrupts = <0>; };\n"),
	  HV_EINVAL, "/vm@0/serial@10000000", "interrupts" },
	{ "test_err_uart_irq_too_big", DESC(BASE "serial@10000000 { compatible = \"ns16550a\"; "
					    "reg = <0x0 0x10000000 0x0 0x100>; interrupts = <32>; };\n"),
	  HV_EINVAL, "/vm@0/serial@10000000", "interrupts" },
	{ "test_err_device_unknown_compatible", DESC(BASE "gpu@1000 { compatible = \"acme,gpu\"; "
						     "reg = <0x0 0x1000 0x0 0x1000>; };\n"),
	  HV_EINVAL, "/vm@0/gpu@1000", "compatible" },
	{ "test_err_device_no_compatible", DESC(BASE "thing { };\n"), HV_EINVAL, "/vm@0/thing", "compatible" },
	{ "test_err_device_too_many", DESC(BASE NINE_DEVICES), HV_ERANGE, "/vm@0/test-device@9000", NULL },
	{ "test_err_device_name_too_long", DESC(BASE "test-device-with-a-long-name@1000 { "
						"compatible = \"hartvisor,test-device\"; reg = <0x0 0x1000 0x0 0x1000>; };\n"),
	  HV_ERANGE, "/vm@0/test-device-with-a-long-name@1000", NULL },
	{ "test_err_flash_mode_unknown", DESC(BASE "flash@20000000 { compatible = \"cfi-flash\"; "
					      "reg = <0x0 0x20000000 0x0 0x2000000>; mode = \"mirror\"; };\n"),
	  HV_EINVAL, "/vm@0/flash@20000000", "mode" },
	{ "test_err_flash_backing_not_string", DESC(BASE "flash@20000000 { compatible = \"cfi-flash\"; "
						    "reg = <0x0 0x20000000 0x0 0x2000000>; backing = <1>; };\n"),
	  HV_EINVAL, "/vm@0/flash@20000000", "backing" },
	{ "test_err_flash_backing_relative", DESC(BASE "flash@20000000 { compatible = \"cfi-flash\"; "
						  "reg = <0x0 0x20000000 0x0 0x2000000>; backing = \"flash.img\"; };\n"),
	  HV_EINVAL, "/vm@0/flash@20000000", "backing" },
	{ "test_err_flash_passthrough_file", DESC(BASE "flash@20000000 { compatible = \"cfi-flash\"; "
						  "reg = <0x0 0x20000000 0x0 0x2000000>; mode = \"passthrough\"; "
						  "backing = \"/pflash/a.img\"; };\n"),
	  HV_EINVAL, "/vm@0/flash@20000000", "backing" },
	{ "test_err_address_cells_3", ROOT_OPEN "vm@0 { compatible = \"hartvisor,vm\"; #address-cells = <3>; "
				      "#size-cells = <2>;\n" BASE TESTDEV(1000) "};\n};\n",
	  HV_EINVAL, "/vm@0", "#address-cells" },
	{ "test_err_root_compatible_missing", "/dts-v1/;\n/ { " VM0(BASE) "};\n", HV_EINVAL, "/", "compatible" },
	{ "test_err_root_compatible_wrong", "/dts-v1/;\n/ { compatible = \"riscv-virtio\"; " VM0(BASE) "};\n",
	  HV_EINVAL, "/", "compatible" },
	{ "test_err_root_child_unknown", ROOT_OPEN VM0(BASE) "chosen { compatible = \"acme,thing\"; };\n};\n",
	  1, "/chosen", "compatible" },
	{ "test_err_root_child_no_compatible", ROOT_OPEN "vm@0 { " BASE "};\n};\n", HV_EINVAL, "/vm@0", "compatible" },
	{ "test_err_no_vm", ROOT_OPEN "};\n", HV_ENOENT, "/", NULL },
	{ "test_err_too_many_vms", ROOT_OPEN FIVE_VMS "};\n", VMCFG_MAX_VMS, "/vm4", NULL },
	{ "test_err_duplicate_vm_name", ROOT_OPEN "vm0 {" VM_PROPS BASE "};\nvm1 {" VM_PROPS BASE "};\n};\n",
	  1, "/vm1", "vm-name" },
};

static void test_err_case(void **state)
{
	const struct err_case *ec = *state;
	char err[256], want[256];
	memset(err, 0, sizeof(err));
	int r = parse(ec->dts, cfgs, VMCFG_MAX_VMS, err, sizeof(err));
	if (r != ec->code)
		fail_msg("%s: returned %d, want %d; err: %s", ec->test_name, r, ec->code, err);
	if (ec->prop)
		snprintf(want, sizeof(want), FILE_NAME ": %s: property '%s' ", ec->path, ec->prop);
	else
		snprintf(want, sizeof(want), FILE_NAME ": %s: ", ec->path);
	if (strncmp(err, want, strlen(want)))
		fail_msg("%s: err is \"%s\", want it to start with \"%s\"", ec->test_name, err, want);
	assert_true(strlen(err) > strlen(want));   /* and says what is wrong */
	assert_null(strchr(err, '\n'));
	if (getenv("SHOW_ERRORS"))
		print_message("    %s\n", err);
}

/* ---- bad vm nodes are reported one line each and skipped; the good ones still parse ---- */

struct lines {
	int n;
	char line[4][256];
};

static void collect_line(void *arg, const char *line)
{
	struct lines *l = arg;
	assert_true(l->n < 4);
	assert_null(strchr(line, '\n'));
	snprintf(l->line[l->n++], sizeof(l->line[0]), "%s", line);
}

static int parse_each(const char *dts, struct lines *l)
{
	size_t size;
	void *dtb = compile_dts(dts, &size);
	memset(l, 0, sizeof(*l));
	int r = vm_config_parse_each(dtb, size, FILE_NAME, cfgs, VMCFG_MAX_VMS, collect_line, l);
	free(dtb);
	return r;
}

#define GOOD_VM(node, name) "\t" node " {" VM_PROPS "vm-name = \"" name "\";\n" MEM KERNEL "\t};\n"
#define BAD_VM(node, name, body) "\t" node " {" VM_PROPS "vm-name = \"" name "\";\n" body "\t};\n"

static void test_bad_node_between_good_ones(void **state)
{
	(void)state;
	struct lines l;
	assert_int_equal(parse_each(ROOT_OPEN GOOD_VM("vm0", "a")
				    BAD_VM("vm1", "b", KERNEL "memory = \"lots\";\n")
				    GOOD_VM("vm2", "c") "};\n", &l), 2);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.line[0], FILE_NAME ": /vm1: property 'memory' must be 4 cells (base and size, "
			    "64-bit each)");
	assert_string_equal(cfgs[0].name, "a");
	assert_string_equal(cfgs[1].name, "c");      /* written over the slot the bad node had used */
	assert_int_equal(cfgs[1].ram_size, 16 << 20);
}

static void test_every_bad_node_gets_its_line(void **state)
{
	(void)state;
	struct lines l;
	/* two bad nodes and a good one: a line each, in order */
	assert_int_equal(parse_each(ROOT_OPEN BAD_VM("vm0", "a", MEM KERNEL "vcpus = [00 00 01];\n")
				    GOOD_VM("vm1", "b")
				    BAD_VM("vm2", "c", MEM KERNEL "kernel-address = <0x80200000>;\n") "};\n", &l), 1);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.line[0], FILE_NAME ": /vm0: property 'vcpus' must be 1 cell (32-bit)");
	assert_string_equal(l.line[1], FILE_NAME ": /vm2: property 'kernel-address' must be 2 cells (64-bit)");
	assert_string_equal(cfgs[0].name, "b");
	/* no good node: the first error comes back, and still one line per node (no summary line) */
	assert_int_equal(parse_each(ROOT_OPEN BAD_VM("vm0", "a", KERNEL) BAD_VM("vm1", "b", MEM) "};\n", &l),
			 HV_ENOENT);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.line[0], FILE_NAME ": /vm0: property 'memory' is missing (base and size are required)");
	assert_string_equal(l.line[1], FILE_NAME ": /vm1: property 'kernel' is missing (a string is required)");
	/* a name is taken by the first vm that parses: a bad vm does not reserve it */
	assert_int_equal(parse_each(ROOT_OPEN BAD_VM("vm0", "a", KERNEL) GOOD_VM("vm1", "a") "};\n", &l), 1);
	assert_int_equal(l.n, 1);
	/* a description-level error is one line too */
	assert_int_equal(parse_each("/dts-v1/;\n/ { compatible = \"riscv-virtio\"; " GOOD_VM("vm0", "a") "};\n",
				    &l), HV_EINVAL);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.line[0], FILE_NAME ": /: property 'compatible' must be \"hartvisor,vm-description\"");
	/* and a report function is optional */
	size_t size;
	void *dtb = compile_dts(ROOT_OPEN BAD_VM("vm0", "a", KERNEL) GOOD_VM("vm1", "b") "};\n", &size);
	assert_int_equal(vm_config_parse_each(dtb, size, FILE_NAME, cfgs, VMCFG_MAX_VMS, NULL, NULL), 1);
	free(dtb);
}

static void test_overlap_messages(void **state)
{
	(void)state;
	struct lines l;
	/* RAM 0x80000000..0x80ffffff; a device across its end, one inside it, two devices sharing a page */
	assert_int_equal(parse_each(ROOT_OPEN
				    BAD_VM("vm0", "a", MEM KERNEL "test-device@80fff000 { "
					   "compatible = \"hartvisor,test-device\"; reg = <0x0 0x80fff000 0x0 0x2000>; };\n")
				    BAD_VM("vm1", "b", MEM KERNEL TESTDEV(80100000))
				    BAD_VM("vm2", "c", MEM KERNEL TESTDEV(1000)
					   "test-device@2000 { compatible = \"hartvisor,test-device\"; "
					   "reg = <0x0 0x2000 0x0 0x2000>; };\n"
					   "serial@3000 { compatible = \"ns16550a\"; reg = <0x0 0x3000 0x0 0x100>; };\n")
				    GOOD_VM("vm3", "d") "};\n", &l), 1);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.line[0], FILE_NAME ": /vm0/test-device@80fff000: property 'reg' 0x80fff000..0x81000fff "
			    "overlaps the vm's 'memory' 0x80000000..0x80ffffff");
	assert_string_equal(l.line[1], FILE_NAME ": /vm1/test-device@80100000: property 'reg' 0x80100000..0x80100fff "
			    "lies inside the vm's 'memory' 0x80000000..0x80ffffff");
	assert_string_equal(l.line[2], FILE_NAME ": /vm2/serial@3000: property 'reg' 0x3000..0x30ff overlaps device "
			    "test-device@2000 at 0x2000..0x3fff");
	/* RAM that ends inside a device (the "memory" is the mistake here, but the device is reported) */
	assert_int_equal(parse_each(ROOT_OPEN BAD_VM("vm0", "a", KERNEL "memory = <0x0 0x80000000 0x0 0x1000000>;\n"
						     "test-device@80800000 { compatible = \"hartvisor,test-device\"; "
						     "reg = <0x0 0x80800000 0x0 0x1000000>; };\n")
				    GOOD_VM("vm1", "b") "};\n", &l), 1);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.line[0], FILE_NAME ": /vm0/test-device@80800000: property 'reg' 0x80800000..0x817fffff "
			    "overlaps the vm's 'memory' 0x80000000..0x80ffffff");
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_full_example),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_entry_defaults_to_kernel_address),
		cmocka_unit_test(test_every_trace_level_and_sv48),
		cmocka_unit_test(test_several_vms_and_limits),
		cmocka_unit_test(test_device_pages_and_cells),
		cmocka_unit_test(test_shipped_configs),
		cmocka_unit_test(test_plain_name_property),
		cmocka_unit_test(test_duplicate_csr),
		cmocka_unit_test(test_bad_blobs),
		cmocka_unit_test(test_mutated_blobs),
		cmocka_unit_test(test_small_err_buffer),
		cmocka_unit_test(test_memory_message_exactly),
		cmocka_unit_test(test_bad_node_between_good_ones),
		cmocka_unit_test(test_every_bad_node_gets_its_line),
		cmocka_unit_test(test_overlap_messages),
	};
	enum { NFIXED = sizeof(fixed) / sizeof(fixed[0]), NERR = sizeof(err_cases) / sizeof(err_cases[0]) };
	static struct CMUnitTest tests[NFIXED + NERR];
	memcpy(tests, fixed, sizeof(fixed));
	for (int i = 0; i < NERR; i++)
		tests[NFIXED + i] = (struct CMUnitTest){ .name = err_cases[i].test_name, .test_func = test_err_case,
							 .initial_state = (void *)&err_cases[i] };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
