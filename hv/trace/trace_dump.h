/* trace_dump.h: the trace ring as framed hex lines on the console, for tools/exittrace (portable). */
#ifndef HV_TRACE_TRACE_DUMP_H
#define HV_TRACE_TRACE_DUMP_H
#include "trace/trace.h"

/* A record on the wire: struct trace_record's own layout, little-endian, 80 bytes:
 *   0 seq u64     8 time u64    16 cause u64   24 sepc u64    32 stval u64
 *  40 htval u64  48 htinst u64  56 value u64   64 insn u32    68 cycles u32
 *  72 vcpu u16   74 action u8   75 rd u8       76 four zero bytes
 * The frame of one vCPU's ring, oldest record first (CRCs are CRC-32/IEEE, as zlib.crc32):
 *   [vm0] trace-dump begin vcpu=0 records=N exits=E record-size=80 version=1 timebase=HZ
 *   [vm0] trace-dump rec=I <160 hex digits> crc=<crc of the record's 80 bytes, 8 hex digits>
 *   [vm0] trace-dump end vcpu=0 records=N crc=<crc of all N records' bytes>
 * exits = exits the vCPU ever recorded; the ring keeps the last TRACE_RING_SIZE of them. */
#define TRACE_RECORD_SIZE 80
#define TRACE_DUMP_VERSION 1
#define TRACE_DUMP_LINE_MAX 256   /* a dump line's length, its terminating zero included */

void trace_record_encode(const struct trace_record *rec, uint8_t out[TRACE_RECORD_SIZE]);
/* CRC-32 (IEEE, reflected, as zlib.crc32): start with crc = 0, feed the running value back. */
uint32_t trace_crc32(uint32_t crc, const void *data, size_t len);

/* Writes one line (no newline) per call of emit. */
typedef void (*trace_dump_emit_fn)(void *ctx, const char *line);
void trace_dump_ring(const struct trace_ring *ring, int vm, unsigned vcpu, uint64_t timebase_hz,
		     trace_dump_emit_fn emit, void *ctx);

#endif
