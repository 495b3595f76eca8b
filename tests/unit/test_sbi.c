/* test_sbi.c: the SBI server (every extension) against a 2-vCPU VM with a host buffer as RAM and faked hooks.
 * Expected values come from the SBI 2.0 specification, not from running the code.
 * unit-sources: hv/emul/sbi.c hv/emul/sbi_base.c hv/emul/sbi_legacy.c hv/emul/sbi_time.c hv/emul/sbi_srst.c hv/emul/sbi_dbcn.c hv/emul/sbi_hsm.c hv/emul/sbi_rfence.c hv/emul/sbi_ipi.c tests/unit/fake_sbi_host.c hv/vm/vm_mem.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "emul/sbi.h"
#include "riscv/csr.h"
#include "fake_sbi_host.h"

#define RAM_BASE   0x80000000UL
#define RAM_SIZE   0x10000UL
#define ECALL_PC   0x80001000UL
#define SENTINEL(i) (0x5e5e000000000000UL | (unsigned long)(i))
#define A0 10
#define A1 11
#define ALL_HARTS  (-1UL)

static struct vm vm, other_vm;
static unsigned long last_args[6];   /* a0..a5 of the last call */
static uint8_t ram[RAM_SIZE] __attribute__((aligned(8)));

static int setup(void **state)
{
	(void)state;
	memset(&vm, 0, sizeof(vm));
	memset(&other_vm, 0, sizeof(other_vm));
	memset(ram, 0, sizeof(ram));
	vm.ram_base = RAM_BASE;
	vm.ram_size = RAM_SIZE;
	vm.ram_hpa = (uintptr_t)ram;
	vm.nvcpus = 2;
	for (int i = 0; i < VM_MAX_VCPUS; i++) {
		vm.vcpu[i].vm = &vm;
		vm.vcpu[i].id = i;
	}
	vm.vcpu[0].state = VCPU_RUNNABLE;   /* the caller */
	vm.vcpu[1].state = VCPU_STOPPED;
	fake_sbi_host_reset();
	return 0;
}

/* ecall from v with a7 = eid, a6 = fid and a0..a5; every other register holds a sentinel. */
static enum sbi_outcome call6(struct vcpu *v, unsigned long eid, unsigned long fid, unsigned long a0,
			      unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4,
			      unsigned long a5)
{
	const unsigned long a[6] = { a0, a1, a2, a3, a4, a5 };

	for (int i = 0; i < 32; i++)
		v->x[i] = SENTINEL(i);
	v->x[0] = 0;
	for (int i = 0; i < 6; i++)
		v->x[10 + i] = last_args[i] = a[i];
	v->x[16] = fid;
	v->x[17] = eid;
	v->sepc = ECALL_PC;
	return sbi_handle_ecall(v);
}

#define CALL(eid, fid, ...) call_n(&vm.vcpu[0], eid, fid, (unsigned long[6]){ __VA_ARGS__ })
static enum sbi_outcome call_n(struct vcpu *v, unsigned long eid, unsigned long fid, const unsigned long *a)
{
	return call6(v, eid, fid, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static long a0(void)
{
	return (long)vm.vcpu[0].x[A0];
}

static long a1(void)
{
	return (long)vm.vcpu[0].x[A1];
}

/* Every register but a0 (and a1 unless the call is legacy) keeps its value; sepc moved past the ecall. */
static void assert_preserved(const struct vcpu *v, bool a1_written)
{
	for (int i = 1; i < 32; i++) {
		if (i == A0 || (i == A1 && a1_written))
			continue;
		if (i >= 10 && i <= 15)
			assert_int_equal(v->x[i], last_args[i - 10]);
		else if (i < 16 || i > 17)
			assert_int_equal(v->x[i], SENTINEL(i));
	}
	assert_int_equal(v->sepc, ECALL_PC + 4);
}

/* A guest-physical address inside RAM, and its bytes. */
static uint8_t *gpa_ptr(unsigned long gpa)
{
	return ram + (gpa - RAM_BASE);
}

/* ---------------- dispatch ---------------- */

static void test_unknown_extension(void **state)
{
	(void)state;
	assert_int_equal(CALL(0x12345678, 0, 1, 2, 3), SBI_RESUME);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(vm.vcpu[0].sepc, ECALL_PC + 4);
	assert_preserved(&vm.vcpu[0], true);
	/* reserved legacy ids 0x09..0x0F, and the spaces around the real ids */
	unsigned long bogus[] = { 0x09, 0x0F, 0x11, SBI_EXT_TIME + 1, SBI_EXT_DBCN - 1, -1UL, 1UL << 32 };
	for (size_t i = 0; i < ARRAY_SIZE(bogus); i++) {
		assert_int_equal(CALL(bogus[i], 0, 0), SBI_RESUME);
		assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
		assert_int_equal(vm.vcpu[0].sepc, ECALL_PC + 4);
	}
	assert_int_equal(fake.write_calls + fake.timer_calls + fake.raise_calls + fake.vvma_calls, 0);
}

static void test_find_extension(void **state)
{
	(void)state;
	for (unsigned long eid = 0; eid <= 8; eid++)
		assert_ptr_equal(sbi_find_extension(eid), &sbi_ext_legacy);
	for (unsigned long eid = 9; eid <= 0xF; eid++)
		assert_null(sbi_find_extension(eid));
	assert_ptr_equal(sbi_find_extension(SBI_EXT_BASE), &sbi_ext_base);
	assert_ptr_equal(sbi_find_extension(SBI_EXT_TIME), &sbi_ext_time);
	assert_ptr_equal(sbi_find_extension(SBI_EXT_IPI), &sbi_ext_ipi);
	assert_ptr_equal(sbi_find_extension(SBI_EXT_RFENCE), &sbi_ext_rfence);
	assert_ptr_equal(sbi_find_extension(SBI_EXT_HSM), &sbi_ext_hsm);
	assert_ptr_equal(sbi_find_extension(SBI_EXT_SRST), &sbi_ext_srst);
	assert_ptr_equal(sbi_find_extension(SBI_EXT_DBCN), &sbi_ext_dbcn);
	assert_true(sbi_ext_legacy.legacy);
	assert_false(sbi_ext_base.legacy || sbi_ext_time.legacy || sbi_ext_dbcn.legacy ||
		     sbi_ext_hsm.legacy || sbi_ext_srst.legacy || sbi_ext_ipi.legacy || sbi_ext_rfence.legacy);
}

/* ---------------- BASE ---------------- */

static void test_base_versions(void **state)
{
	(void)state;
	CALL(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), 0x02000000);   /* major 2 in bits 30:24, minor 0 */
	assert_preserved(&vm.vcpu[0], true);
	CALL(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), SBI_IMPL_ID);
	CALL(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), SBI_IMPL_VERSION);
}

static void test_base_machine_ids(void **state)
{
	(void)state;
	unsigned long fids[] = { SBI_BASE_GET_MVENDORID, SBI_BASE_GET_MARCHID, SBI_BASE_GET_MIMPID };
	for (size_t i = 0; i < ARRAY_SIZE(fids); i++) {
		CALL(SBI_EXT_BASE, fids[i], 0);
		assert_int_equal(a0(), SBI_SUCCESS);
		assert_int_equal(a1(), FAKE_MACHINE_ID_BASE + (long)fids[i]);
		assert_int_equal(fake.machine_id_fid, fids[i]);
	}
	assert_int_equal(fake.machine_id_calls, 3);
}

static void test_base_probe(void **state)
{
	(void)state;
	unsigned long present[] = { SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM,
				    SBI_EXT_SRST, SBI_EXT_DBCN, 0, 1, 2, 3, 4, 5, 6, 7, 8 };
	unsigned long absent[] = { 0x12345678, 0x9, 0xF, 0x4442434F, 0x504D55 /* PMU */,
				   0x53555350 /* SUSP */, -1UL };
	for (size_t i = 0; i < ARRAY_SIZE(present); i++) {
		CALL(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, present[i]);
		assert_int_equal(a0(), SBI_SUCCESS);
		assert_int_equal(a1(), 1);
	}
	for (size_t i = 0; i < ARRAY_SIZE(absent); i++) {
		CALL(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, absent[i]);
		assert_int_equal(a0(), SBI_SUCCESS);
		assert_int_equal(a1(), 0);
	}
}

static void test_base_unknown_fid(void **state)
{
	(void)state;
	unsigned long fids[] = { 7, 8, 0x100, -1UL };
	for (size_t i = 0; i < ARRAY_SIZE(fids); i++) {
		CALL(SBI_EXT_BASE, fids[i], 0);
		assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
		assert_int_equal(vm.vcpu[0].sepc, ECALL_PC + 4);
	}
	assert_int_equal(fake.machine_id_calls, 0);
}

/* ---------------- legacy v0.1 ---------------- */

static void test_legacy_timer_and_console(void **state)
{
	(void)state;
	/* a6 is ignored by legacy calls: give it garbage */
	assert_int_equal(CALL(0x0, 0x77, 0x123456789aUL), SBI_RESUME);
	assert_int_equal(a0(), 0);
	assert_preserved(&vm.vcpu[0], false);   /* a1 untouched */
	assert_int_equal(fake.timer_calls, 1);
	assert_ptr_equal(fake.timer_vcpu, &vm.vcpu[0]);
	assert_int_equal(fake.timer_value, 0x123456789aUL);

	CALL(0x1, 0, 'H');
	CALL(0x1, 0, 0x100 | 'i');   /* only the low byte is a character */
	assert_int_equal(a0(), 0);
	assert_preserved(&vm.vcpu[0], false);
	assert_int_equal(fake.out_len, 2);
	assert_memory_equal(fake.out, "Hi", 2);

	fake.in = "z";
	CALL(0x2, 0, 0);
	assert_int_equal(a0(), 'z');
	assert_preserved(&vm.vcpu[0], false);
	CALL(0x2, 0, 0);
	assert_int_equal(a0(), -1);   /* nothing typed */
	assert_preserved(&vm.vcpu[0], false);
}

static void test_legacy_clear_ipi(void **state)
{
	(void)state;
	CALL(SBI_LEGACY_CLEAR_IPI, 0, 0);
	assert_int_equal(a0(), 0);
	assert_preserved(&vm.vcpu[0], false);
	assert_int_equal(fake.clear_calls, 1);
	assert_ptr_equal(fake.cleared[0].target, &vm.vcpu[0]);
	assert_int_equal(fake.cleared[0].bits, MIP_VSSIP);
}

static void test_legacy_send_ipi(void **state)
{
	(void)state;
	unsigned long mask_gva = RAM_BASE + 0x800;
	unsigned long mask = 0xd;   /* harts 0, 2, 3: only hart 0 exists; the others are ignored */
	memcpy(gpa_ptr(mask_gva), &mask, sizeof(mask));
	CALL(SBI_LEGACY_SEND_IPI, 0, mask_gva);
	assert_int_equal(a0(), 0);
	assert_preserved(&vm.vcpu[0], false);
	assert_int_equal(fake.read_gva, mask_gva);
	assert_int_equal(fake.raise_calls, 1);
	assert_ptr_equal(fake.raised[0].target, &vm.vcpu[0]);
	assert_int_equal(fake.raised[0].bits, MIP_VSSIP);

	fake_sbi_host_reset();
	CALL(SBI_LEGACY_SEND_IPI, 0, 0);   /* NULL mask: every hart */
	assert_int_equal(a0(), 0);
	assert_int_equal(fake.raise_calls, 2);
	assert_int_equal(fake_raised_on(&vm.vcpu[0]), 1);
	assert_int_equal(fake_raised_on(&vm.vcpu[1]), 1);
	assert_int_equal(fake.read_calls, 0);
}

static void test_legacy_bad_mask_address(void **state)
{
	(void)state;
	unsigned long eids[] = { SBI_LEGACY_SEND_IPI, SBI_LEGACY_REMOTE_FENCE_I,
				 SBI_LEGACY_REMOTE_SFENCE_VMA, SBI_LEGACY_REMOTE_SFENCE_VMA_ASID };
	for (size_t i = 0; i < ARRAY_SIZE(eids); i++) {
		fake.read_fail = true;
		CALL(eids[i], 0, RAM_BASE + 0x800, 0x1000, 0x1000, 3);
		assert_int_equal(a0(), SBI_ERR_INVALID_ADDRESS);
		assert_preserved(&vm.vcpu[0], false);
		CALL(eids[i], 0, 0x1000, 0x1000, 0x1000, 3);   /* not mapped in the fake */
		assert_int_equal(a0(), SBI_ERR_INVALID_ADDRESS);
	}
	assert_int_equal(fake.raise_calls + fake.vvma_calls, 0);
}

static void test_legacy_fences(void **state)
{
	(void)state;
	unsigned long mask_gva = RAM_BASE + 0x800;
	unsigned long mask = 0x3;
	memcpy(gpa_ptr(mask_gva), &mask, sizeof(mask));

	CALL(SBI_LEGACY_REMOTE_FENCE_I, 0, mask_gva);
	assert_int_equal(a0(), 0);
	assert_preserved(&vm.vcpu[0], false);
	assert_int_equal(fake.vvma_calls, 0);

	CALL(SBI_LEGACY_REMOTE_SFENCE_VMA, 0, mask_gva, 0x40000000, 0x3000);
	assert_int_equal(a0(), 0);
	assert_preserved(&vm.vcpu[0], false);
	assert_int_equal(fake.vvma_calls, 1);
	assert_ptr_equal(fake.vvma_vm, &vm);
	assert_int_equal(fake.vvma_start, 0x40000000);
	assert_int_equal(fake.vvma_size, 0x3000);
	assert_int_equal(fake.vvma_asid, -1);

	CALL(SBI_LEGACY_REMOTE_SFENCE_VMA_ASID, 0, 0, 0x5000, 0x1000, 42);
	assert_int_equal(a0(), 0);
	assert_int_equal(fake.vvma_calls, 2);
	assert_int_equal(fake.vvma_start, 0x5000);
	assert_int_equal(fake.vvma_size, 0x1000);
	assert_int_equal(fake.vvma_asid, 42);

	CALL(SBI_LEGACY_REMOTE_SFENCE_VMA, 0, 0, 0, 0);   /* start 0, size 0: everything */
	assert_int_equal(fake.vvma_start, 0);
	assert_int_equal(fake.vvma_size, -1UL);
	assert_int_equal(fake.vvma_calls, 3);
}

static void test_legacy_shutdown(void **state)
{
	(void)state;
	assert_int_equal(CALL(SBI_EXT_LEGACY_SHUTDOWN, 0, 0x6688, 0x1234), SBI_STOP_VM);
	assert_int_equal(vm.stop_reason, VM_STOP_SHUTDOWN);
	assert_preserved(&vm.vcpu[0], false);
	/* shutdown does not return: a0 and a1 keep the guest's values for the exit report */
	assert_int_equal(vm.vcpu[0].x[A0], 0x6688);
	assert_int_equal(vm.vcpu[0].x[A1], 0x1234);
	assert_int_equal(other_vm.stop_reason, VM_STOP_NONE);
}

/* ---------------- TIME ---------------- */

static void test_time(void **state)
{
	(void)state;
	assert_int_equal(CALL(SBI_EXT_TIME, 0, 0xfedcba9876543210UL), SBI_RESUME);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_preserved(&vm.vcpu[0], true);
	assert_int_equal(fake.timer_calls, 1);
	assert_ptr_equal(fake.timer_vcpu, &vm.vcpu[0]);
	assert_int_equal(fake.timer_value, 0xfedcba9876543210UL);

	CALL(SBI_EXT_TIME, 1, 5);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fake.timer_calls, 1);
}

/* ---------------- SRST ---------------- */

static void srst_expect(unsigned long type, unsigned long reason, enum sbi_outcome out, long err,
			enum vm_stop_reason why)
{
	vm.stop_reason = VM_STOP_NONE;
	assert_int_equal(CALL(SBI_EXT_SRST, 0, type, reason), out);
	assert_int_equal(vm.stop_reason, why);
	assert_int_equal(vm.vcpu[0].sepc, ECALL_PC + 4);
	if (out == SBI_RESUME)
		assert_int_equal(a0(), err);
	assert_int_equal(other_vm.stop_reason, VM_STOP_NONE);   /* only the caller's VM */
}

static void test_srst_valid(void **state)
{
	(void)state;
	srst_expect(SBI_SRST_SHUTDOWN, 0, SBI_STOP_VM, 0, VM_STOP_SHUTDOWN);
	srst_expect(SBI_SRST_COLD_REBOOT, 0, SBI_STOP_VM, 0, VM_STOP_REBOOT);
	srst_expect(SBI_SRST_WARM_REBOOT, 1, SBI_STOP_VM, 0, VM_STOP_REBOOT);
	/* implementation-specific and vendor-specific reasons are not reserved */
	srst_expect(SBI_SRST_SHUTDOWN, 0xE0000000UL, SBI_STOP_VM, 0, VM_STOP_SHUTDOWN);
	srst_expect(SBI_SRST_SHUTDOWN, 0xFFFFFFFFUL, SBI_STOP_VM, 0, VM_STOP_SHUTDOWN);
}

static void test_srst_errors(void **state)
{
	(void)state;
	srst_expect(3, 0, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	srst_expect(0xEFFFFFFFUL, 0, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	srst_expect(SBI_SRST_SHUTDOWN, 2, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	srst_expect(SBI_SRST_COLD_REBOOT, 0xDFFFFFFFUL, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	/* SBI 2.0: values above 0xFFFFFFFF are reserved (not truncated to 32 bits) */
	srst_expect(1UL << 32, 0, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	srst_expect(SBI_SRST_SHUTDOWN, 1UL << 32, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	/* vendor or platform types: platform-specific and unimplemented, so INVALID_PARAM (SBI 2.0) */
	srst_expect(0xF0000000UL, 0, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	srst_expect(0xFFFFFFFFUL, 1, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);
	/* a reserved reason with a vendor type is still a bad parameter */
	srst_expect(0xF0000000UL, 2, SBI_RESUME, SBI_ERR_INVALID_PARAM, VM_STOP_NONE);

	vm.stop_reason = VM_STOP_NONE;
	assert_int_equal(CALL(SBI_EXT_SRST, 1, 0, 0), SBI_RESUME);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(vm.stop_reason, VM_STOP_NONE);
}

/* ---------------- DBCN ---------------- */

static void test_dbcn_write(void **state)
{
	(void)state;
	unsigned long gpa = RAM_BASE + 0x100;
	memcpy(gpa_ptr(gpa), "hello", 5);
	assert_int_equal(CALL(SBI_EXT_DBCN, SBI_DBCN_WRITE, 5, gpa, 0), SBI_RESUME);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), 5);
	assert_preserved(&vm.vcpu[0], true);
	assert_int_equal(fake.out_len, 5);
	assert_memory_equal(fake.out, "hello", 5);

	/* a buffer ending exactly at the end of RAM is fine */
	fake_sbi_host_reset();
	memcpy(gpa_ptr(RAM_BASE + RAM_SIZE - 4), "tail", 4);
	CALL(SBI_EXT_DBCN, SBI_DBCN_WRITE, 4, RAM_BASE + RAM_SIZE - 4, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), 4);
	assert_memory_equal(fake.out, "tail", 4);

	/* zero bytes: nothing written, 0 returned */
	fake_sbi_host_reset();
	CALL(SBI_EXT_DBCN, SBI_DBCN_WRITE, 0, gpa, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), 0);
	assert_int_equal(fake.out_len, 0);
}

static const unsigned long bad_buffers[][3] = {
	/* num_bytes, base_addr_lo, base_addr_hi */
	{ 4, 0x1000, 0 },                                   /* below RAM */
	{ 1, RAM_BASE - 1, 0 },                             /* the byte before RAM */
	{ 4, RAM_BASE + RAM_SIZE, 0 },                      /* just past RAM */
	{ 4, RAM_BASE + RAM_SIZE - 2, 0 },                  /* straddles the end */
	{ 0x20, 0xFFFFFFFFFFFFFFF0UL, 0 },                  /* wraps around 2^64 */
	{ -0x10UL, RAM_BASE + 0x20, 0 },                    /* huge length: wraps */
	{ RAM_SIZE + 1, RAM_BASE, 0 },                      /* longer than RAM */
	{ 4, RAM_BASE + 0x100, 1 },                         /* base_addr_hi: beyond 2^64 */
};

static void test_dbcn_write_bad_buffer(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad_buffers); i++) {
		const unsigned long *b = bad_buffers[i];
		CALL(SBI_EXT_DBCN, SBI_DBCN_WRITE, b[0], b[1], b[2]);
		assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
		assert_int_equal(vm.vcpu[0].sepc, ECALL_PC + 4);
	}
	assert_int_equal(fake.write_calls, 0);
	assert_int_equal(fake.out_len, 0);
}

static void test_dbcn_read(void **state)
{
	(void)state;
	unsigned long gpa = RAM_BASE + 0x200;
	memset(gpa_ptr(gpa), '.', 8);
	fake.in = "abc";
	CALL(SBI_EXT_DBCN, SBI_DBCN_READ, 8, gpa, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), 3);
	assert_preserved(&vm.vcpu[0], true);
	assert_memory_equal(gpa_ptr(gpa), "abc.....", 8);

	/* no more than num_bytes */
	fake_sbi_host_reset();
	fake.in = "xyz";
	CALL(SBI_EXT_DBCN, SBI_DBCN_READ, 2, gpa, 0);
	assert_int_equal(a1(), 2);
	assert_memory_equal(gpa_ptr(gpa), "xyc", 3);
	assert_int_equal(sbi_host_console_getchar(&vm), 'z');   /* the third byte is still queued */

	/* nothing typed: nothing read, nothing written */
	fake_sbi_host_reset();
	CALL(SBI_EXT_DBCN, SBI_DBCN_READ, 8, gpa, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), 0);
	assert_memory_equal(gpa_ptr(gpa), "xyc", 3);
}

static void test_dbcn_read_bad_buffer(void **state)
{
	(void)state;
	fake.in = "abc";
	for (size_t i = 0; i < ARRAY_SIZE(bad_buffers); i++) {
		const unsigned long *b = bad_buffers[i];
		CALL(SBI_EXT_DBCN, SBI_DBCN_READ, b[0], b[1], b[2]);
		assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
	}
	assert_int_equal(fake.getchar_calls, 0);
	assert_int_equal(fake.in_pos, 0);
}

static void test_dbcn_write_byte_and_unknown(void **state)
{
	(void)state;
	CALL(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, 0x1741);   /* only the low byte: 'A' */
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), 0);
	assert_preserved(&vm.vcpu[0], true);
	assert_int_equal(fake.out_len, 1);
	assert_int_equal(fake.out[0], 'A');

	CALL(SBI_EXT_DBCN, 3, 1, RAM_BASE, 0);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fake.write_calls, 1);
}

/* ---------------- HSM ---------------- */

static void test_hsm_start(void **state)
{
	(void)state;
	unsigned long entry = RAM_BASE + 0x2000;
	assert_int_equal(CALL(SBI_EXT_HSM, SBI_HSM_HART_START, 1, entry, 0xabcd), SBI_RESUME);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_preserved(&vm.vcpu[0], true);
	assert_int_equal(fake.start_calls, 1);
	assert_ptr_equal(fake.start_target, &vm.vcpu[1]);
	assert_int_equal(fake.start_addr, entry);
	assert_int_equal(fake.start_opaque, 0xabcd);

	CALL(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, 1);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), SBI_HSM_STATE_STARTED);

	/* started once: a second start is refused */
	CALL(SBI_EXT_HSM, SBI_HSM_HART_START, 1, entry, 0);
	assert_int_equal(a0(), SBI_ERR_ALREADY_AVAILABLE);
	assert_int_equal(fake.start_calls, 1);
}

static void test_hsm_start_errors(void **state)
{
	(void)state;
	unsigned long entry = RAM_BASE + 0x2000;
	CALL(SBI_EXT_HSM, SBI_HSM_HART_START, 0, entry, 0);   /* the running caller itself */
	assert_int_equal(a0(), SBI_ERR_ALREADY_AVAILABLE);
	CALL(SBI_EXT_HSM, SBI_HSM_HART_START, 7, entry, 0);   /* no hart 7 in a 2-vCPU VM */
	assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
	CALL(SBI_EXT_HSM, SBI_HSM_HART_START, 2, entry, 0);   /* vcpu[2] exists in the array, not in the VM */
	assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
	CALL(SBI_EXT_HSM, SBI_HSM_HART_START, -1UL, entry, 0);
	assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
	unsigned long bad_entry[] = { 0x1000, RAM_BASE - 4, RAM_BASE + RAM_SIZE, -1UL, RAM_BASE + 0x2001 };
	for (size_t i = 0; i < ARRAY_SIZE(bad_entry); i++) {
		CALL(SBI_EXT_HSM, SBI_HSM_HART_START, 1, bad_entry[i], 0);
		assert_int_equal(a0(), SBI_ERR_INVALID_ADDRESS);
	}
	assert_int_equal(fake.start_calls, 0);
	assert_int_equal(vm.vcpu[1].state, VCPU_STOPPED);
}

static void test_hsm_status(void **state)
{
	(void)state;
	CALL(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), SBI_HSM_STATE_STARTED);
	CALL(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, 1);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(a1(), SBI_HSM_STATE_STOPPED);
	vm.vcpu[1].state = VCPU_IDLE;   /* in WFI: still started */
	CALL(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, 1);
	assert_int_equal(a1(), SBI_HSM_STATE_STARTED);
	unsigned long bad[] = { 2, 7, -1UL };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CALL(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, bad[i]);
		assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
	}
}

static void test_hsm_stop(void **state)
{
	(void)state;
	assert_int_equal(CALL(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0), SBI_STOP_VCPU);
	assert_int_equal(vm.vcpu[0].state, VCPU_STOPPED);
	assert_int_equal(vm.vcpu[0].sepc, ECALL_PC + 4);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(vm.stop_reason, VM_STOP_NONE);
	/* once stopped it can be started again by another hart */
	vm.vcpu[1].state = VCPU_RUNNABLE;
	call6(&vm.vcpu[1], SBI_EXT_HSM, SBI_HSM_HART_START, 0, RAM_BASE, 7, 0, 0, 0);
	assert_int_equal((long)vm.vcpu[1].x[A0], SBI_SUCCESS);
	assert_ptr_equal(fake.start_target, &vm.vcpu[0]);
}

static void test_hsm_suspend_and_unknown(void **state)
{
	(void)state;
	CALL(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, 0, RAM_BASE, 0);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(vm.vcpu[0].state, VCPU_RUNNABLE);
	CALL(SBI_EXT_HSM, 4, 0);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
}

/* ---------------- IPI ---------------- */

static void test_ipi(void **state)
{
	(void)state;
	CALL(SBI_EXT_IPI, SBI_IPI_SEND, 0x2, 0);   /* hart 1 */
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_preserved(&vm.vcpu[0], true);
	assert_int_equal(fake.raise_calls, 1);
	assert_ptr_equal(fake.raised[0].target, &vm.vcpu[1]);
	assert_int_equal(fake.raised[0].bits, MIP_VSSIP);

	fake_sbi_host_reset();
	CALL(SBI_EXT_IPI, SBI_IPI_SEND, 0x1, 1);   /* bit 0 from base 1: hart 1 */
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(fake.raise_calls, 1);
	assert_ptr_equal(fake.raised[0].target, &vm.vcpu[1]);

	fake_sbi_host_reset();
	CALL(SBI_EXT_IPI, SBI_IPI_SEND, 0xfff0, ALL_HARTS);   /* base -1: the mask is ignored */
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(fake.raise_calls, 2);
	assert_int_equal(fake_raised_on(&vm.vcpu[0]), 1);
	assert_int_equal(fake_raised_on(&vm.vcpu[1]), 1);

	fake_sbi_host_reset();
	CALL(SBI_EXT_IPI, SBI_IPI_SEND, 0, 0);   /* an empty mask names nobody */
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(fake.raise_calls, 0);
}

static void test_ipi_bad_mask(void **state)
{
	(void)state;
	const unsigned long bad[][2] = {
		{ 0x4, 0 },              /* hart 2 */
		{ 0x7, 0 },              /* harts 0..2 */
		{ 0x1, 2 },              /* base names no vCPU */
		{ 0x1, 7 },
		{ 0x3, 1 },              /* harts 1, 2 */
		{ 1UL << 63, 0 },
		{ 1UL << 63, 1 },        /* base + bit would overflow */
		{ 0x1, 1UL << 63 },
		{ 0x1, -2UL },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		CALL(SBI_EXT_IPI, SBI_IPI_SEND, bad[i][0], bad[i][1]);
		assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
		assert_int_equal(vm.vcpu[0].sepc, ECALL_PC + 4);
	}
	assert_int_equal(fake.raise_calls, 0);

	CALL(SBI_EXT_IPI, 1, 0x1, 0);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fake.raise_calls, 0);
}

static void test_hart_mask_valid(void **state)
{
	(void)state;
	unsigned long m = 0xdead;
	assert_true(sbi_hart_mask_valid(&vm, 0x3, 0, &m));
	assert_int_equal(m, 0x3);
	assert_true(sbi_hart_mask_valid(&vm, 0x1, 1, &m));
	assert_int_equal(m, 0x2);
	assert_true(sbi_hart_mask_valid(&vm, ~0UL, ALL_HARTS, &m));
	assert_int_equal(m, 0x3);
	assert_true(sbi_hart_mask_valid(&vm, 0, 5, &m));
	assert_int_equal(m, 0);
	assert_false(sbi_hart_mask_valid(&vm, 0x2, 1, &m));
	assert_false(sbi_hart_mask_valid(&vm, 0x1, 2, &m));
	vm.nvcpus = 4;
	assert_true(sbi_hart_mask_valid(&vm, 0x3, 2, &m));
	assert_int_equal(m, 0xc);
	assert_false(sbi_hart_mask_valid(&vm, 0x10, 0, &m));
}

/* ---------------- RFENCE ---------------- */

/* A remote fence.i reaches exactly the vCPUs named, and none when the mask names none. */
static void test_rfence_fence_i_reaches_the_named_vcpus(void **state)
{
	(void)state;
	CALL(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, 0x1, 1);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(fake.fence_i_calls, 1);
	assert_int_equal(fake.fence_i_mask, 0x2);
	CALL(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, 0, -1UL);
	assert_int_equal(fake.fence_i_calls, 2);
	assert_int_equal(fake.fence_i_mask, (1UL << vm.nvcpus) - 1);
	CALL(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, 0, 0);   /* an empty mask: nothing to fence */
	assert_int_equal(fake.fence_i_calls, 2);
	assert_int_equal(fake.vvma_calls, 0);
}

static void test_rfence(void **state)
{
	(void)state;
	CALL(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, 0x3, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_preserved(&vm.vcpu[0], true);
	assert_int_equal(fake.vvma_calls, 0);

	CALL(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, 0x3, 0, 0x4000, 0x2000);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(fake.vvma_calls, 1);
	assert_ptr_equal(fake.vvma_vm, &vm);
	assert_int_equal(fake.vvma_start, 0x4000);
	assert_int_equal(fake.vvma_size, 0x2000);
	assert_int_equal(fake.vvma_asid, -1);

	CALL(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA_ASID, 0x1, 1, 0x8000, 0x1000, 5);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(fake.vvma_calls, 2);
	assert_int_equal(fake.vvma_start, 0x8000);
	assert_int_equal(fake.vvma_size, 0x1000);
	assert_int_equal(fake.vvma_asid, 5);
	assert_int_equal(fake.gvma_calls, 0);
}

static void test_rfence_flush_all(void **state)
{
	(void)state;
	const unsigned long ranges[][2] = {
		{ 0, 0 },                      /* start and size both 0 */
		{ 0x4000, -1UL },              /* size 2^XLEN - 1 */
		{ -0x1000UL, 0x2000 },         /* start + size wraps */
	};
	for (size_t i = 0; i < ARRAY_SIZE(ranges); i++) {
		CALL(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, 0, ALL_HARTS, ranges[i][0], ranges[i][1]);
		assert_int_equal(a0(), SBI_SUCCESS);
		assert_int_equal(fake.vvma_calls, (int)i + 1);
		assert_int_equal(fake.vvma_size, -1UL);
		assert_int_equal(fake.vvma_start, 0);
	}
	/* size 0 with a non-zero start is an empty range, not a full flush */
	CALL(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, 0, ALL_HARTS, 0x4000, 0);
	assert_int_equal(a0(), SBI_SUCCESS);
	assert_int_equal(fake.vvma_calls, (int)ARRAY_SIZE(ranges));
}

static void test_rfence_errors(void **state)
{
	(void)state;
	unsigned long fids[] = { SBI_RFENCE_FENCE_I, SBI_RFENCE_SFENCE_VMA, SBI_RFENCE_SFENCE_VMA_ASID };
	for (size_t i = 0; i < ARRAY_SIZE(fids); i++) {
		CALL(SBI_EXT_RFENCE, fids[i], 0x4, 0, 0x1000, 0x1000, 1);   /* hart 2 */
		assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
		CALL(SBI_EXT_RFENCE, fids[i], 0x1, 9, 0x1000, 0x1000, 1);   /* base names no vCPU */
		assert_int_equal(a0(), SBI_ERR_INVALID_PARAM);
	}
	/* hfence.* are for guests with the H extension; ours have none */
	for (unsigned long fid = SBI_RFENCE_HFENCE_GVMA_VMID; fid <= SBI_RFENCE_HFENCE_VVMA; fid++) {
		CALL(SBI_EXT_RFENCE, fid, 0x1, 0, 0x1000, 0x1000, 1);
		assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	}
	CALL(SBI_EXT_RFENCE, 7, 0x1, 0, 0, 0);
	assert_int_equal(a0(), SBI_ERR_NOT_SUPPORTED);
	assert_int_equal(fake.vvma_calls + fake.gvma_calls, 0);
}

/* ---------------- robustness ---------------- */

static unsigned long rng_state = 0x2545F4914F6CDD1DUL;
static unsigned long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned long interesting(void)
{
	const unsigned long pick[] = { 0, 1, 2, 3, -1UL, -2UL, 1UL << 63, 1UL << 32, 0xFFFFFFFFUL,
				       RAM_BASE, RAM_BASE - 1, RAM_BASE + RAM_SIZE - 1, RAM_BASE + RAM_SIZE,
				       RAM_SIZE, 0xF0000000UL, 0xE0000000UL };
	unsigned long r = rng();
	return (r & 1) ? pick[(r >> 1) % ARRAY_SIZE(pick)] : rng();
}

/* Any arguments to any function of any extension: no crash (ASan/UBSan watch), sepc + 4,
 * a0 is a standard error code (or a legacy value), the RAM outside no buffer is untouched. */
static void test_any_arguments(void **state)
{
	(void)state;
	const unsigned long eids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI,
				       SBI_EXT_RFENCE, SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN, 0x12345678 };
	for (int round = 0; round < 20000; round++) {
		setup(NULL);
		unsigned long eid = eids[rng() % ARRAY_SIZE(eids)];
		unsigned long fid = (rng() & 3) ? rng() % 9 : interesting();
		struct vcpu *v = &vm.vcpu[rng() & 1];
		v->state = VCPU_RUNNABLE;
		call6(v, eid, fid, interesting(), interesting(), interesting() & 1 ? 0 : interesting(),
		      interesting(), interesting(), interesting());
		assert_int_equal(v->sepc, ECALL_PC + 4);
		long err = (long)v->x[A0];
		/* legacy a0 is call-specific (getchar: a byte); a call that stopped the caller leaves a0 alone */
		bool resumed = vm.stop_reason == VM_STOP_NONE && v->state != VCPU_STOPPED;
		if (eid > 8 && resumed)
			assert_true(err <= 0 && err >= SBI_ERR_ALREADY_STOPPED);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_unknown_extension, setup),
		cmocka_unit_test_setup(test_find_extension, setup),
		cmocka_unit_test_setup(test_base_versions, setup),
		cmocka_unit_test_setup(test_base_machine_ids, setup),
		cmocka_unit_test_setup(test_base_probe, setup),
		cmocka_unit_test_setup(test_base_unknown_fid, setup),
		cmocka_unit_test_setup(test_legacy_timer_and_console, setup),
		cmocka_unit_test_setup(test_legacy_clear_ipi, setup),
		cmocka_unit_test_setup(test_legacy_send_ipi, setup),
		cmocka_unit_test_setup(test_legacy_bad_mask_address, setup),
		cmocka_unit_test_setup(test_legacy_fences, setup),
		cmocka_unit_test_setup(test_legacy_shutdown, setup),
		cmocka_unit_test_setup(test_time, setup),
		cmocka_unit_test_setup(test_srst_valid, setup),
		cmocka_unit_test_setup(test_srst_errors, setup),
		cmocka_unit_test_setup(test_dbcn_write, setup),
		cmocka_unit_test_setup(test_dbcn_write_bad_buffer, setup),
		cmocka_unit_test_setup(test_dbcn_read, setup),
		cmocka_unit_test_setup(test_dbcn_read_bad_buffer, setup),
		cmocka_unit_test_setup(test_dbcn_write_byte_and_unknown, setup),
		cmocka_unit_test_setup(test_hsm_start, setup),
		cmocka_unit_test_setup(test_hsm_start_errors, setup),
		cmocka_unit_test_setup(test_hsm_status, setup),
		cmocka_unit_test_setup(test_hsm_stop, setup),
		cmocka_unit_test_setup(test_hsm_suspend_and_unknown, setup),
		cmocka_unit_test_setup(test_ipi, setup),
		cmocka_unit_test_setup(test_ipi_bad_mask, setup),
		cmocka_unit_test_setup(test_hart_mask_valid, setup),
		cmocka_unit_test_setup(test_rfence, setup),
		cmocka_unit_test_setup(test_rfence_fence_i_reaches_the_named_vcpus, setup),
		cmocka_unit_test_setup(test_rfence_flush_all, setup),
		cmocka_unit_test_setup(test_rfence_errors, setup),
		cmocka_unit_test_setup(test_any_arguments, setup),
	};
	return cmocka_run_group_tests_name("sbi", tests, NULL, NULL);
}
