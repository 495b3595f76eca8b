/* trace_dump.c: encodes a vCPU's trace ring as framed hex lines with CRC-32s (portable). */
#include <stddef.h>
#include <stdio.h>
#include "trace/trace_dump.h"

/* The wire layout is the struct's own: keep them the same, so the documented offsets hold for both. */
_Static_assert(sizeof(struct trace_record) == TRACE_RECORD_SIZE, "trace_record is 80 bytes");
_Static_assert(offsetof(struct trace_record, insn) == 64, "insn at 64");
_Static_assert(offsetof(struct trace_record, cycles) == 68, "cycles at 68");
_Static_assert(offsetof(struct trace_record, vcpu) == 72, "vcpu at 72");
_Static_assert(offsetof(struct trace_record, action) == 74, "action at 74");
_Static_assert(offsetof(struct trace_record, rd) == 75, "rd at 75");

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void trace_record_encode(const struct trace_record *rec, uint8_t out[TRACE_RECORD_SIZE])
{
	const uint64_t words[8] = { rec->seq, rec->time, rec->cause, rec->sepc,
				    rec->stval, rec->htval, rec->htinst, rec->value };
	for (int i = 0; i < 8; i++)
		put_le(out + 8 * i, words[i], 8);
	put_le(out + 64, rec->insn, 4);
	put_le(out + 68, rec->cycles, 4);
	put_le(out + 72, rec->vcpu, 2);
	out[74] = rec->action;
	out[75] = rec->rd;
	put_le(out + 76, 0, 4);
}

uint32_t trace_crc32(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;
	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static void hex_bytes(char *out, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = "0123456789abcdef"[p[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[p[i] & 15];
	}
	out[2 * n] = 0;
}

void trace_dump_ring(const struct trace_ring *ring, int vm, unsigned vcpu, uint64_t timebase_hz,
		     trace_dump_emit_fn emit, void *ctx)
{
	char line[TRACE_DUMP_LINE_MAX];
	char hex[2 * TRACE_RECORD_SIZE + 1];
	uint8_t bytes[TRACE_RECORD_SIZE];
	uint64_t n = trace_ring_count(ring);
	uint32_t all = 0;

	snprintf(line, sizeof(line), "[vm%d] trace-dump begin vcpu=%u records=%lu exits=%lu record-size=%d "
		 "version=%d timebase=%lu", vm, vcpu, (unsigned long)n, (unsigned long)ring->next,
		 TRACE_RECORD_SIZE, TRACE_DUMP_VERSION, (unsigned long)timebase_hz);
	emit(ctx, line);
	for (uint64_t i = 0; i < n; i++) {
		trace_record_encode(trace_ring_recent(ring, n - 1 - i), bytes);
		all = trace_crc32(all, bytes, sizeof(bytes));
		hex_bytes(hex, bytes, sizeof(bytes));
		snprintf(line, sizeof(line), "[vm%d] trace-dump rec=%lu %s crc=%08lx", vm, (unsigned long)i, hex,
			 (unsigned long)trace_crc32(0, bytes, sizeof(bytes)));
		emit(ctx, line);
	}
	snprintf(line, sizeof(line), "[vm%d] trace-dump end vcpu=%u records=%lu crc=%08lx", vm, vcpu,
		 (unsigned long)n, (unsigned long)all);
	emit(ctx, line);
}
