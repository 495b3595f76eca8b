/* fuzz_sbi.c: libFuzzer target for the SBI server's argument checks: sequences of VS-mode ecalls against a VM with faked host hooks.
 * fuzz-sources: hv/emul/sbi.c hv/emul/sbi_base.c hv/emul/sbi_legacy.c hv/emul/sbi_time.c hv/emul/sbi_srst.c hv/emul/sbi_dbcn.c hv/emul/sbi_hsm.c hv/emul/sbi_rfence.c hv/emul/sbi_ipi.c tests/unit/fake_sbi_host.c hv/vm/vm_mem.c
 * Input: byte 0 = vCPU count (1..VM_MAX_VCPUS), byte 1 = which vCPUs start stopped; then calls of
 * FUZZ_SBI_CALL_LEN bytes: extension selector, fid, calling vCPU, a0..a5 (little-endian u64 each).
 * Checked: only a0/a1 and sepc change; errors are SBI error codes; every buffer, start address and
 * target vCPU a call acts on lies inside the VM; hart masks name only the VM's vCPUs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "emul/sbi.h"
#include "riscv/csr.h"
#include "fake_sbi_host.h"
#include "fuzz_check.h"

#define RAM_BASE          0x80000000UL
#define RAM_SIZE          0x4000UL
#define FUZZ_SBI_CALL_LEN (3 + 6 * 8)
#define SBI_ERR_LOWEST    (-13L)   /* SBI 2.0: SBI_ERR_IO */

static struct vm vm;
static uint8_t *ram;   /* exactly RAM_SIZE bytes from malloc, so ASan sees any access past RAM */
static const char console_input[300] = "typed on the console by the fuzzer; long enough that dbcn reads run past a "
	"short buffer's end if the length check were wrong ...................................................."
	"...........................................................................................";

/* Known extensions most of the time (and each legacy eid), else the raw a5 as eid. */
static unsigned long fuzz_sbi_eid(uint8_t sel, unsigned long a5)
{
	static const unsigned long eids[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE,
		SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN,
	};
	size_t n = sizeof(eids) / sizeof(eids[0]);
	return sel < n ? eids[sel] : (sel < 2 * n ? eids[sel - n] : a5);
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static bool fuzz_sbi_in_ram(uint64_t gpa, uint64_t len)
{
	return gpa >= RAM_BASE && gpa - RAM_BASE <= RAM_SIZE && len <= RAM_SIZE - (gpa - RAM_BASE);
}

static void fuzz_sbi_setup(const uint8_t *data)
{
	if (!ram)
		ram = malloc(RAM_SIZE);
	FUZZ_CHECK(ram != NULL);
	memset(&vm, 0, sizeof(vm));
	vm.ram_base = RAM_BASE;
	vm.ram_size = RAM_SIZE;
	vm.ram_hpa = (uintptr_t)ram;
	vm.nvcpus = 1 + data[0] % VM_MAX_VCPUS;
	for (int i = 0; i < VM_MAX_VCPUS; i++) {
		vm.vcpu[i].vm = &vm;
		vm.vcpu[i].id = i;
		vm.vcpu[i].state = (data[1] >> i) & 1 ? VCPU_STOPPED : VCPU_RUNNABLE;
	}
	fake_sbi_host_reset();
	fake.in = console_input;
}

/* The hart-mask check on its own: the bitmap names only the VM's vCPUs. */
static void fuzz_sbi_hart_mask(unsigned long mask, unsigned long base)
{
	unsigned long all, out = 1;
	sbi_hart_mask_valid(&vm, 0, -1UL, &all);
	FUZZ_CHECK(all == (1UL << vm.nvcpus) - 1);
	bool ok = sbi_hart_mask_valid(&vm, mask, base, &out);
	FUZZ_CHECK(ok || out == 0);
	FUZZ_CHECK((out & ~all) == 0);
	if (ok && base != -1UL && mask != 0)
		FUZZ_CHECK(base < 64 && out == mask << base && (out >> base) == mask);
}

static void fuzz_sbi_check_targets(void)
{
	for (int i = 0; i < fake.raise_calls && i < FAKE_MAX_CALLS; i++)
		FUZZ_CHECK(fake.raised[i].target >= vm.vcpu && fake.raised[i].target < vm.vcpu + vm.nvcpus);
	for (int i = 0; i < fake.clear_calls && i < FAKE_MAX_CALLS; i++)
		FUZZ_CHECK(fake.cleared[i].target >= vm.vcpu && fake.cleared[i].target < vm.vcpu + vm.nvcpus);
	FUZZ_CHECK(fake.out_len <= FAKE_CONSOLE_SZ);
}

static void fuzz_sbi_call(const uint8_t *p)
{
	struct vcpu *v = &vm.vcpu[p[2] % vm.nvcpus];
	unsigned long args[6];
	for (int i = 0; i < 6; i++)
		args[i] = le64(p + 3 + 8 * i);
	unsigned long eid = fuzz_sbi_eid(p[0], args[5]), fid = p[1] < 0xf0 ? p[1] % 8 : args[4];

	for (int i = 0; i < 32; i++)
		v->x[i] = 0x5e5e000000000000UL | (unsigned long)i;
	for (int i = 0; i < 6; i++)
		v->x[10 + i] = args[i];
	v->x[16] = fid;
	v->x[17] = eid;
	v->sepc = RAM_BASE + 0x100;
	v->state = VCPU_RUNNABLE;   /* it is executing this ecall, so it cannot be a stopped hart */
	int starts = fake.start_calls, reads = fake.read_calls;
	size_t out_len = fake.out_len;
	vm.stop_reason = VM_STOP_NONE;

	enum sbi_outcome out = sbi_handle_ecall(v);

	FUZZ_CHECK(v->sepc == RAM_BASE + 0x104);
	for (int i = 0; i < 32; i++)
		if (i != 10 && i != 11)
			FUZZ_CHECK(v->x[i] == (i >= 12 && i <= 15 ? args[i - 10] : i == 16 ? fid : i == 17 ? eid
							      : (0x5e5e000000000000UL | (unsigned long)i)));
	const struct sbi_extension *ext = sbi_find_extension(eid);
	switch (out) {
	case SBI_RESUME:
		if (ext && !ext->legacy)
			FUZZ_CHECK((long)v->x[10] <= 0 && (long)v->x[10] >= SBI_ERR_LOWEST);
		if (!ext)
			FUZZ_CHECK((long)v->x[10] == SBI_ERR_NOT_SUPPORTED);
		break;
	case SBI_STOP_VCPU:
		FUZZ_CHECK(v->state == VCPU_STOPPED);
		break;
	case SBI_STOP_VM:
		FUZZ_CHECK(vm.stop_reason == VM_STOP_SHUTDOWN || vm.stop_reason == VM_STOP_REBOOT);
		break;
	default:
		FUZZ_CHECK(!"unknown outcome");
	}
	if (fake.start_calls != starts) {
		FUZZ_CHECK(fake.start_target >= vm.vcpu && fake.start_target < vm.vcpu + vm.nvcpus);
		FUZZ_CHECK(fuzz_sbi_in_ram(fake.start_addr, 1));
	}
	/* a successful debug-console transfer used a buffer wholly inside RAM */
	if (eid == SBI_EXT_DBCN && fid <= SBI_DBCN_READ && out == SBI_RESUME && v->x[10] == 0 && args[0])
		FUZZ_CHECK(args[2] == 0 && fuzz_sbi_in_ram(args[1], args[0]));
	if (fake.out_len != out_len)
		FUZZ_CHECK(eid == SBI_EXT_DBCN || eid == SBI_EXT_LEGACY_PUTCHAR);
	if (fake.read_calls != reads)
		FUZZ_CHECK(eid >= SBI_LEGACY_SEND_IPI && eid <= SBI_LEGACY_REMOTE_SFENCE_VMA_ASID);
	fuzz_sbi_check_targets();
	fuzz_sbi_hart_mask(args[0], args[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	fuzz_sbi_setup(data);
	for (size_t i = 2; i + FUZZ_SBI_CALL_LEN <= size; i += FUZZ_SBI_CALL_LEN)
		fuzz_sbi_call(data + i);
	return 0;
}
