/* test_trace.c: the VM-exit trace ring, its statistics, cause names, levels, the one-line format and the dump.
 * unit-sources: hv/trace/trace.c hv/trace/trace_format.c hv/trace/trace_dump.c hv/riscv/insn.c hv/riscv/insn_format.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>
#include "trace/trace.h"
#include "trace/trace_dump.h"

#define IRQ(code) ((1ULL << 63) | (code))

static void test_ring_empty(void **state)
{
	(void)state;
	static struct trace_ring ring;
	memset(&ring, 0, sizeof(ring));
	assert_int_equal(trace_ring_count(&ring), 0);
	assert_null(trace_ring_recent(&ring, 0));
	struct trace_record r = { .seq = 42 };
	trace_ring_push(&ring, &r);
	assert_int_equal(trace_ring_count(&ring), 1);
	assert_int_equal(trace_ring_recent(&ring, 0)->seq, 42);
	assert_null(trace_ring_recent(&ring, 1));
}

static void test_ring_wraps(void **state)
{
	(void)state;
	static struct trace_ring ring;
	memset(&ring, 0, sizeof(ring));
	const uint64_t pushed = TRACE_RING_SIZE + 10;
	for (uint64_t i = 0; i < pushed; i++) {
		struct trace_record r = { .seq = i, .sepc = 0x80200000 + 4 * i };
		trace_ring_push(&ring, &r);
	}
	assert_int_equal(trace_ring_count(&ring), TRACE_RING_SIZE);
	assert_int_equal(trace_ring_recent(&ring, 0)->seq, pushed - 1);
	assert_int_equal(trace_ring_recent(&ring, 1)->seq, pushed - 2);
	assert_int_equal(trace_ring_recent(&ring, TRACE_RING_SIZE - 1)->seq, 10);
	assert_int_equal(trace_ring_recent(&ring, TRACE_RING_SIZE - 1)->sepc, 0x80200000 + 4 * 10);
	assert_null(trace_ring_recent(&ring, TRACE_RING_SIZE));
	assert_null(trace_ring_recent(&ring, UINT64_MAX));
	for (uint64_t i = 0; i < TRACE_RING_SIZE; i++)
		assert_int_equal(trace_ring_recent(&ring, i)->seq, pushed - 1 - i);
}

static void test_stats(void **state)
{
	(void)state;
	struct trace_stats st;
	memset(&st, 0, sizeof(st));
	trace_stats_add(&st, 21, 100);
	trace_stats_add(&st, 21, 300);
	trace_stats_add(&st, 21, 200);
	trace_stats_add(&st, 10, 50);
	trace_stats_add(&st, IRQ(5), 70);
	trace_stats_add(&st, IRQ(9), 90);
	assert_int_equal(st.exits, 6);
	assert_int_equal(st.cause[21].count, 3);
	assert_int_equal(st.cause[21].cycles_total, 600);
	assert_int_equal(st.cause[21].cycles_max, 300);
	assert_int_equal(st.cause[10].count, 1);
	assert_int_equal(st.cause[10].cycles_max, 50);
	assert_int_equal(st.cause[trace_cause_slot(IRQ(5))].count, 1);
	assert_int_equal(st.cause[trace_cause_slot(IRQ(5))].cycles_total, 70);
	assert_int_equal(st.cause[trace_cause_slot(IRQ(9))].count, 1);
	assert_int_equal(st.cause[trace_cause_slot(IRQ(1))].count, 0);   /* S-external is not S-software */
	assert_int_equal(st.cause[9].count, 0);        /* the interrupt is not exception 9 */
}

static void test_cause_slots(void **state)
{
	(void)state;
	for (uint64_t c = 0; c < 24; c++)
		assert_int_equal(trace_cause_slot(c), c);
	/* each interrupt the hypervisor can see has a slot of its own; rare codes share the last */
	const uint64_t seen[] = { IRQ(1), IRQ(2), IRQ(5), IRQ(6), IRQ(9), IRQ(10), IRQ(12) };
	for (unsigned i = 0; i < sizeof(seen) / sizeof(seen[0]); i++) {
		assert_int_equal(trace_cause_slot(seen[i]), 24 + i);
		assert_int_equal(trace_slot_cause(24 + i), seen[i]);
		for (unsigned j = 0; j < i; j++)
			assert_int_not_equal(trace_cause_slot(seen[i]), trace_cause_slot(seen[j]));
	}
	assert_int_equal(trace_cause_slot(IRQ(0)), 31);
	assert_int_equal(trace_cause_slot(IRQ(7)), 31);
	assert_int_equal(trace_slot_cause(3), 3);
	/* out-of-range values clamp into a valid slot */
	const uint64_t odd[] = { 24, 31, 63, 64, 0x7fffffffffffffffULL, IRQ(0x7fffffffffffffffULL), UINT64_MAX };
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		assert_true(trace_cause_slot(odd[i]) < TRACE_MAX_CAUSE);
	assert_int_equal(trace_cause_slot(24), TRACE_SLOT_OTHER);
	/* stats on such values stay in bounds (ASan would catch a stray write) */
	struct trace_stats st;
	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		trace_stats_add(&st, odd[i], 1);
	assert_int_equal(st.exits, sizeof(odd) / sizeof(odd[0]));
}

static void test_cause_names(void **state)
{
	(void)state;
	static const struct { uint64_t cause; const char *name; } names[] = {
		{ 0, "instruction-misaligned" }, { 1, "instruction-access-fault" },
		{ 2, "illegal-instruction" }, { 3, "breakpoint" }, { 4, "load-misaligned" },
		{ 5, "load-access-fault" }, { 6, "store-misaligned" }, { 7, "store-access-fault" },
		{ 8, "ecall-u" }, { 9, "ecall-hs" }, { 10, "vs-ecall" }, { 11, "ecall-m" },
		{ 12, "instruction-page-fault" }, { 13, "load-page-fault" }, { 15, "store-page-fault" },
		{ 20, "fetch-guest-page-fault" }, { 21, "load-guest-page-fault" },
		{ 22, "virtual-instruction" }, { 23, "store-guest-page-fault" },
		{ IRQ(1), "irq-s-software" }, { IRQ(5), "irq-s-timer" }, { IRQ(9), "irq-s-external" },
		{ IRQ(2), "irq-vs-software" }, { IRQ(6), "irq-vs-timer" }, { IRQ(10), "irq-vs-external" },
		{ IRQ(0), "irq-0" }, { IRQ(3), "irq-3" }, { IRQ(7), "irq-7" }, { IRQ(13), "irq-13" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_string_equal(trace_cause_name(names[i].cause), names[i].name);
	/* never NULL, whatever the value */
	for (uint64_t c = 0; c < 100; c++) {
		assert_non_null(trace_cause_name(c));
		assert_non_null(trace_cause_name(IRQ(c)));
	}
	assert_non_null(trace_cause_name(UINT64_MAX));
}

static void test_level_parse(void **state)
{
	(void)state;
	assert_int_equal(trace_level_parse("off"), TRACE_OFF);
	assert_int_equal(trace_level_parse("summary"), TRACE_SUMMARY);
	assert_int_equal(trace_level_parse("exits"), TRACE_EXITS);
	assert_int_equal(trace_level_parse("full"), TRACE_FULL);
	assert_int_equal(trace_level_parse("dump"), TRACE_DUMP);
	assert_int_equal(trace_level_parse(""), -1);
	assert_int_equal(trace_level_parse("Exits"), -1);
	assert_int_equal(trace_level_parse("exit"), -1);
	assert_int_equal(trace_level_parse("exits "), -1);
	assert_int_equal(trace_level_parse(NULL), -1);
}

static const struct trace_record issue_record = {
	.seq = 3, .cause = 21, .sepc = 0x80200004, .stval = 0x40, .htval = 0x10,
	.insn = 0x04003503, .action = ACT_EMULATED, .rd = 10, .value = 0x6688, .vcpu = 0,
};
static const char issue_line[] =
	"[vm0/0] exit 3 load-guest-page-fault sepc=0x80200004 gpa=0x40 ld a0,64(zero) -> emulated a0=0x6688";

static void test_format_issue_line(void **state)
{
	(void)state;
	char buf[256];
	int n = trace_format_record(buf, sizeof(buf), 0, &issue_record);
	assert_string_equal(buf, issue_line);
	assert_int_equal(n, strlen(issue_line));
}

static void test_format_gpa_combines_htval_and_stval(void **state)
{
	(void)state;
	/* htval = GPA >> 2 loses the low two bits; the page offset comes from stval */
	struct trace_record r = { .seq = 1, .cause = 23, .sepc = 0x80200010, .stval = 0xffffffc000001234ULL,
				  .htval = 0x10000400 >> 2, .action = ACT_MAPPED, .vcpu = 1 };
	char buf[256];
	trace_format_record(buf, sizeof(buf), 2, &r);
	assert_string_equal(buf, "[vm2/1] exit 1 store-guest-page-fault sepc=0x80200010 gpa=0x10000234 -> mapped");
}

static void test_format_sbi_line(void **state)
{
	(void)state;
	struct trace_record r = { .seq = 7, .cause = 10, .sepc = 0x80200100, .insn = 0x00000073,
				  .action = ACT_SBI, .value = (uint64_t)-2, .vcpu = 1 };
	char buf[256];
	trace_format_record(buf, sizeof(buf), 1, &r);
	assert_string_equal(buf, "[vm1/1] exit 7 vs-ecall sepc=0x80200100 ecall -> sbi a0=-2");
	r.value = 0;
	r.insn = 0;
	trace_format_record(buf, sizeof(buf), 1, &r);
	assert_string_equal(buf, "[vm1/1] exit 7 vs-ecall sepc=0x80200100 -> sbi a0=0");
}

static void test_format_injected_line(void **state)
{
	(void)state;
	struct trace_record r = { .seq = 12, .cause = 2, .sepc = 0x80200020, .stval = 0x30200073,
				  .insn = 0x30200073, .action = ACT_INJECTED, .value = 2 };
	char buf[256];
	trace_format_record(buf, sizeof(buf), 0, &r);
	assert_string_equal(buf,
		"[vm0/0] exit 12 illegal-instruction sepc=0x80200020 stval=0x30200073 mret -> injected cause=2");
}

static void test_format_other_actions(void **state)
{
	(void)state;
	char buf[256];
	struct trace_record r = { .seq = 5, .cause = IRQ(5), .sepc = 0x80200040, .stval = 0x99,
				  .action = ACT_IRQ };
	trace_format_record(buf, sizeof(buf), 0, &r);
	assert_string_equal(buf, "[vm0/0] exit 5 irq-s-timer sepc=0x80200040 -> irq");   /* no stval for irqs */

	r = (struct trace_record){ .seq = 6, .cause = 22, .sepc = 0x80200044, .insn = 0x10500073,
				   .action = ACT_IDLE };
	trace_format_record(buf, sizeof(buf), 0, &r);
	assert_string_equal(buf, "[vm0/0] exit 6 virtual-instruction sepc=0x80200044 wfi -> idle");

	r = (struct trace_record){ .seq = 8, .cause = 22, .sepc = 0x80200048, .insn = 0xf14025f3,
				   .action = ACT_EMULATED, .rd = 11, .value = 0x1234 };
	trace_format_record(buf, sizeof(buf), 0, &r);
	assert_string_equal(buf,
		"[vm0/0] exit 8 virtual-instruction sepc=0x80200048 csrrs a1,mhartid,zero -> emulated a1=0x1234");

	r = (struct trace_record){ .seq = 9, .cause = 21, .sepc = 0x8020004c, .action = ACT_EMULATED };
	trace_format_record(buf, sizeof(buf), 0, &r);   /* a store: no rd */
	assert_string_equal(buf, "[vm0/0] exit 9 load-guest-page-fault sepc=0x8020004c gpa=0x0 -> emulated");

	r = (struct trace_record){ .seq = 10, .cause = 1, .sepc = 0x1000, .stval = 0x1000,
				   .action = ACT_STOPPED };
	trace_format_record(buf, sizeof(buf), 3, &r);
	assert_string_equal(buf,
		"[vm3/0] exit 10 instruction-access-fault sepc=0x1000 stval=0x1000 -> stopped");
}

static void test_format_hostile_record(void **state)
{
	(void)state;
	char buf[512];
	struct trace_record r;
	memset(&r, 0xff, sizeof(r));   /* every field at its maximum */
	int n = trace_format_record(buf, sizeof(buf), -1, &r);
	assert_int_equal(n, strlen(buf));
	assert_non_null(strstr(buf, "[vm-1/65535] exit 18446744073709551615 irq-unknown sepc=0xffffffffffffffff"));
	assert_non_null(strstr(buf, "insn=0xffffffff -> action-255"));
	r.action = ACT_EMULATED;   /* rd 255 is no register */
	trace_format_record(buf, sizeof(buf), 0, &r);
	assert_non_null(strstr(buf, "-> emulated x255=0xffffffffffffffff"));
	r.action = ACT_SBI;
	r.value = 0x8000000000000000ULL;
	trace_format_record(buf, sizeof(buf), 0, &r);
	assert_non_null(strstr(buf, "-> sbi a0=-9223372036854775808"));
}

static void test_format_tiny_buffers(void **state)
{
	(void)state;
	char full[256];
	int n = trace_format_record(full, sizeof(full), 0, &issue_record);
	for (size_t len = 0; len < (size_t)n + 3; len++) {
		char *buf = malloc(len ? len : 1);   /* exact size: ASan catches any overrun */
		buf[0] = 'X';
		int m = trace_format_record(len ? buf : NULL, len, 0, &issue_record);
		assert_int_equal(m, n);
		if (len) {
			assert_int_equal(strlen(buf), len - 1 < (size_t)n ? len - 1 : (size_t)n);
			assert_memory_equal(buf, full, strlen(buf));
		}
		free(buf);
	}
	char tiny[8];
	memset(tiny, 'Y', sizeof(tiny));
	trace_format_record(tiny, 4, 0, &issue_record);
	assert_string_equal(tiny, "[vm");
	assert_int_equal(tiny[4], 'Y');
}

static void test_format_exit_line_appends_cost(void **state)
{
	(void)state;
	struct trace_record r = issue_record;
	r.cycles = 964394;
	r.time = 2972694;
	char buf[256];
	int n = trace_format_exit_line(buf, sizeof(buf), 0, &r);
	assert_string_equal(buf, "[vm0/0] exit 3 load-guest-page-fault sepc=0x80200004 gpa=0x40 ld a0,64(zero) "
				 "-> emulated a0=0x6688 [cycles=964394 time=2972694]");
	assert_int_equal(n, strlen(buf));
	char small[20];
	assert_int_equal(trace_format_exit_line(small, sizeof(small), 0, &r), n);   /* truncates, counts all */
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void test_crc32_check_value(void **state)
{
	(void)state;
	assert_int_equal(trace_crc32(0, "123456789", 9), 0xcbf43926);   /* the CRC-32/IEEE check value */
	assert_int_equal(trace_crc32(trace_crc32(0, "1234", 4), "56789", 5), 0xcbf43926);
	assert_int_equal(trace_crc32(0, "", 0), 0);
}

static void test_record_encoding_is_little_endian_at_fixed_offsets(void **state)
{
	(void)state;
	struct trace_record r = {
		.seq = 0x0102030405060708ULL, .time = 0x1112131415161718ULL, .cause = (1ULL << 63) | 5,
		.sepc = 0x80200004, .stval = 0x40, .htval = 0x10, .htinst = 0x3503, .value = 0x6688,
		.insn = 0x04003503, .cycles = 0xa1b2c3d4, .vcpu = 0x0302, .action = ACT_EMULATED, .rd = 10,
	};
	memset(r.pad, 0x5a, sizeof(r.pad));   /* padding never reaches the wire */
	uint8_t b[TRACE_RECORD_SIZE];
	memset(b, 0xee, sizeof(b));
	trace_record_encode(&r, b);
	assert_int_equal(b[0], 0x08);
	assert_int_equal(b[7], 0x01);
	assert_int_equal(b[8], 0x18);
	assert_int_equal(b[16], 5);
	assert_int_equal(b[23], 0x80);   /* the interrupt bit */
	assert_int_equal(b[24], 0x04);
	assert_int_equal(b[27], 0x80);
	assert_int_equal(b[32], 0x40);
	assert_int_equal(b[40], 0x10);
	assert_int_equal(b[48], 0x03);
	assert_int_equal(b[56], 0x88);
	assert_int_equal(b[57], 0x66);
	static const uint8_t tail[16] = { 0x03, 0x35, 0x00, 0x04, 0xd4, 0xc3, 0xb2, 0xa1,
					  0x02, 0x03, ACT_EMULATED, 10, 0, 0, 0, 0 };
	assert_memory_equal(b + 64, tail, sizeof(tail));
}

struct captured {
	int n;
	char lines[TRACE_RING_SIZE + 4][TRACE_DUMP_LINE_MAX];
};

static void capture_line(void *ctx, const char *line)
{
	struct captured *c = ctx;
	assert_true(c->n < (int)(sizeof(c->lines) / sizeof(c->lines[0])));
	assert_true(strlen(line) < TRACE_DUMP_LINE_MAX - 1);   /* never truncated */
	strcpy(c->lines[c->n++], line);
}

static void test_dump_frames_the_ring_oldest_first(void **state)
{
	(void)state;
	static struct trace_ring ring;
	static struct captured c;
	memset(&ring, 0, sizeof(ring));
	memset(&c, 0, sizeof(c));
	const uint64_t pushed = TRACE_RING_SIZE + 3;
	for (uint64_t i = 1; i <= pushed; i++) {
		struct trace_record r = { .seq = i, .cause = 10, .sepc = 0x80200000 + 4 * i, .cycles = (uint32_t)i };
		trace_ring_push(&ring, &r);
	}
	trace_dump_ring(&ring, 2, 1, 10000000, capture_line, &c);
	assert_int_equal(c.n, TRACE_RING_SIZE + 2);
	assert_string_equal(c.lines[0], "[vm2] trace-dump begin vcpu=1 records=256 exits=259 record-size=80 "
					"version=1 timebase=10000000");
	/* the oldest record still held is exit 4: rec=0 carries seq 4, and its own CRC */
	uint8_t b[TRACE_RECORD_SIZE];
	trace_record_encode(trace_ring_recent(&ring, TRACE_RING_SIZE - 1), b);
	assert_int_equal(b[0], 4);
	char expect[TRACE_DUMP_LINE_MAX];
	int pos = snprintf(expect, sizeof(expect), "[vm2] trace-dump rec=0 ");
	for (int i = 0; i < TRACE_RECORD_SIZE; i++)
		pos += snprintf(expect + pos, sizeof(expect) - pos, "%02x", b[i]);
	snprintf(expect + pos, sizeof(expect) - pos, " crc=%08x", trace_crc32(0, b, sizeof(b)));
	assert_string_equal(c.lines[1], expect);
	assert_non_null(strstr(c.lines[TRACE_RING_SIZE], "[vm2] trace-dump rec=255 0301000000000000"));   /* seq 259 */
	/* the end line's CRC covers every record's bytes in order */
	uint32_t all = 0;
	for (uint64_t i = TRACE_RING_SIZE; i-- > 0;) {
		trace_record_encode(trace_ring_recent(&ring, i), b);
		all = trace_crc32(all, b, sizeof(b));
	}
	snprintf(expect, sizeof(expect), "[vm2] trace-dump end vcpu=1 records=256 crc=%08x", all);
	assert_string_equal(c.lines[TRACE_RING_SIZE + 1], expect);
}

static void test_dump_of_an_empty_ring(void **state)
{
	(void)state;
	static struct trace_ring ring;
	static struct captured c;
	memset(&ring, 0, sizeof(ring));
	memset(&c, 0, sizeof(c));
	trace_dump_ring(&ring, 0, 0, 0, capture_line, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.lines[1], "[vm0] trace-dump end vcpu=0 records=0 crc=00000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_empty),
		cmocka_unit_test(test_ring_wraps),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_cause_slots),
		cmocka_unit_test(test_cause_names),
		cmocka_unit_test(test_level_parse),
		cmocka_unit_test(test_format_issue_line),
		cmocka_unit_test(test_format_gpa_combines_htval_and_stval),
		cmocka_unit_test(test_format_sbi_line),
		cmocka_unit_test(test_format_injected_line),
		cmocka_unit_test(test_format_other_actions),
		cmocka_unit_test(test_format_hostile_record),
		cmocka_unit_test(test_format_tiny_buffers),
		cmocka_unit_test(test_format_exit_line_appends_cost),
		cmocka_unit_test(test_crc32_check_value),
		cmocka_unit_test(test_record_encoding_is_little_endian_at_fixed_offsets),
		cmocka_unit_test(test_dump_frames_the_ring_oldest_first),
		cmocka_unit_test(test_dump_of_an_empty_ring),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
