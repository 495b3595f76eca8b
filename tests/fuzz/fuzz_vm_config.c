/* fuzz_vm_config.c: libFuzzer target for the VM-description parser (vm_config_parse_each) over a fuzzed DTB.
 * fuzz-sources: $(VDEV_UNIT_SOURCES)
 * (the parser with the real device kinds, as in the unit tests)
 * fuzz-libs: -lfdt
 * Input: the DTB itself (libFuzzer's copy is malloc'd, so 8-byte aligned as libfdt wants).
 * Checked: every error is one printable line naming the file; a failure reports at least one; the
 * VMs returned keep every rule the parser promises (ranges page-aligned, not wrapping, devices apart
 * from RAM and each other), however many bad vm nodes were skipped beside them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "vdev/pflash.h"
#include "vdev/uart_device.h"
#include "vm/irqchip.h"
#include "vm/vm_config.h"
#include "base/err.h"
#include "fuzz_check.h"

#define FILE_NAME "fuzz.dtb"

static bool fuzz_terminated(const char *s, size_t n)
{
	return memchr(s, 0, n) != NULL;
}

static bool fuzz_ranges_apart(uint64_t b1, uint64_t s1, uint64_t b2, uint64_t s2)
{
	return b1 + (s1 - 1) < (b2 & ~0xfffULL) || b2 + (s2 - 1) < (b1 & ~0xfffULL);
}

static void fuzz_check_vm(const struct vm_config *vm)
{
	FUZZ_CHECK(fuzz_terminated(vm->name, sizeof(vm->name)) && vm->name[0]);
	FUZZ_CHECK(fuzz_terminated(vm->kernel, sizeof(vm->kernel)) && vm->kernel[0]);
	FUZZ_CHECK(fuzz_terminated(vm->initrd, sizeof(vm->initrd)));
	FUZZ_CHECK(fuzz_terminated(vm->bootargs, sizeof(vm->bootargs)));
	FUZZ_CHECK(vm->gstage_levels == 3 || vm->gstage_levels == 4);
	uint64_t space = 1ULL << (12 + 9 * vm->gstage_levels + 2);
	FUZZ_CHECK(vm->ram_size && !(vm->ram_base & 0xfff) && !(vm->ram_size & 0xfff));
	FUZZ_CHECK(vm->ram_base < space && vm->ram_size <= space - vm->ram_base);
	FUZZ_CHECK(!vm->kernel_addr || (vm->kernel_addr >= vm->ram_base && vm->kernel_addr - vm->ram_base < vm->ram_size));
	FUZZ_CHECK(vm->nvcpus >= 1 && vm->nvcpus <= VM_MAX_VCPUS);
	FUZZ_CHECK(vm->trace_level >= -1);
	FUZZ_CHECK(vm->ncsrs >= 0 && vm->ncsrs <= VM_MAX_CSRS);
	for (int i = 0; i < vm->ncsrs; i++)
		for (int j = 0; j < i; j++)
			FUZZ_CHECK(vm->csrs[i].csr != vm->csrs[j].csr && vm->csrs[i].csr < 4096);
	FUZZ_CHECK(vm->ndevices >= 0 && vm->ndevices <= VMCFG_MAX_DEVICES);
	for (int i = 0; i < vm->ndevices; i++) {
		const struct vmcfg_device *d = &vm->devices[i];
		bool known = false;
		for (int k = 0; vdev_kinds[k]; k++)
			known |= d->kind == vdev_kinds[k];
		FUZZ_CHECK(known);
		FUZZ_CHECK(fuzz_terminated(d->name, sizeof(d->name)));
		FUZZ_CHECK(d->size && !(d->base & 0xfff) && d->base < space && d->size <= space - d->base);
		FUZZ_CHECK(fuzz_ranges_apart(d->base, d->size, vm->ram_base, vm->ram_size));
		for (int j = 0; j < i; j++)
			FUZZ_CHECK(fuzz_ranges_apart(d->base, d->size, vm->devices[j].base, vm->devices[j].size));
		if (d->kind == &vdev_uart) {
			uint32_t irq = VMCFG_PROPS(d, const struct uart_props)->irq;
			FUZZ_CHECK(irq >= 1 && irq < IRQCHIP_MAX_LINES);
		}
		if (d->kind == &vdev_pflash) {
			const struct pflash_props *p = VMCFG_PROPS(d, const struct pflash_props);
			FUZZ_CHECK(fuzz_terminated(p->mode, sizeof(p->mode)) && fuzz_terminated(p->backing, sizeof(p->backing)));
			FUZZ_CHECK((!strcmp(p->mode, "emulate") && (!strcmp(p->backing, "host") || p->backing[0] == '/')) ||
				   (!strcmp(p->mode, "passthrough") && !strcmp(p->backing, "host")));
		}
	}
}

/* One reported error line: it names the description file and is printable. */
static void check_error_line(void *arg, const char *line)
{
	FUZZ_CHECK(strlen(line) < 256);
	FUZZ_CHECK(!strncmp(line, FILE_NAME ": ", strlen(FILE_NAME) + 2));
	for (const char *p = line; *p; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
	++*(int *)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vm_config out[VMCFG_MAX_VMS];
	int max = 1 + (int)(size % VMCFG_MAX_VMS);   /* also the "one vm too many" path */
	int errors = 0;

	int n = vm_config_parse_each(data, size, FILE_NAME, out, max, check_error_line, &errors);
	if (n < 0) {
		FUZZ_CHECK(n >= HV_ECORRUPT && errors >= 1);
		return 0;
	}
	FUZZ_CHECK(n >= 1 && n <= max);
	for (int i = 0; i < n; i++) {
		fuzz_check_vm(&out[i]);
		for (int j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(out[i].name, out[j].name));
	}
	return 0;
}
