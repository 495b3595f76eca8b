/* trace.h: the VM-exit trace: a per-vCPU ring of fixed-size records, and per-cause statistics. */
#ifndef HV_TRACE_TRACE_H
#define HV_TRACE_TRACE_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* summary: per-cause statistics when a VM stops; exits: also one line per exit; full: also the
 * registers; dump: the summary, then each vCPU's ring as framed hex (trace_dump.h), no live lines. */
enum trace_level { TRACE_OFF = 0, TRACE_SUMMARY, TRACE_EXITS, TRACE_FULL, TRACE_DUMP };

/* What the hypervisor did about an exit */
enum exit_action {
	ACT_NONE = 0,
	ACT_EMULATED,     /* instruction emulated; value = result written to rd (if any) */
	ACT_INJECTED,     /* exception delivered to the guest; value = cause */
	ACT_SBI,          /* SBI call served; value = a0 returned */
	ACT_IRQ,          /* host interrupt handled */
	ACT_IDLE,         /* WFI: the vCPU waits */
	ACT_MAPPED,       /* mapping created on first touch */
	ACT_STOPPED,      /* the VM was stopped */
};

struct trace_record {
	uint64_t seq;        /* exit number within the vCPU */
	uint64_t time;       /* rdtime at the exit */
	uint64_t cause;      /* scause (interrupt bit included) */
	uint64_t sepc, stval, htval, htinst;
	uint64_t value;      /* see enum exit_action */
	uint32_t insn;       /* decoded instruction bits, 0 if none */
	uint32_t cycles;     /* cycles spent handling the exit */
	uint16_t vcpu;
	uint8_t action;
	uint8_t rd;          /* register written by an emulated load or CSR read, 0 if none */
	uint8_t pad[4];
};

#define TRACE_RING_SIZE 256   /* records per vCPU; a power of two */

struct trace_ring {
	uint64_t next;                            /* records ever written */
	struct trace_record rec[TRACE_RING_SIZE];
};

#define TRACE_MAX_CAUSE 32   /* exceptions 0..23 at their number; interrupts at 24 + code (0..7) */
#define TRACE_SLOT_OTHER 14  /* where exceptions above 23 are counted (14 is a reserved cause) */

struct trace_cause_stats {
	uint64_t count;
	uint64_t cycles_total;
	uint32_t cycles_max;
};

struct trace_stats {
	struct trace_cause_stats cause[TRACE_MAX_CAUSE];
	uint64_t exits;
};

void trace_ring_push(struct trace_ring *ring, const struct trace_record *rec);
/* The i-th newest record (0 = newest), or NULL when fewer were written. */
const struct trace_record *trace_ring_recent(const struct trace_ring *ring, uint64_t i);
/* Number of records still held (at most TRACE_RING_SIZE). */
uint64_t trace_ring_count(const struct trace_ring *ring);

/* Index into trace_stats.cause for a scause value. */
unsigned trace_cause_slot(uint64_t scause);
/* The scause a slot stands for (the last interrupt slot gathers rare codes: reported as irq 0xff). */
uint64_t trace_slot_cause(unsigned slot);
const char *trace_cause_name(uint64_t scause);
void trace_stats_add(struct trace_stats *st, uint64_t scause, uint32_t cycles);

/* One readable line for a record (no newline), e.g.
 * "[vm0/0] exit 3 load-guest-page-fault sepc=0x80200004 gpa=0x40 ld a0,64(zero) -> emulated a0=0x6688" */
int trace_format_record(char *buf, size_t len, int vm, const struct trace_record *rec);
/* The live exit line: the record's line, then its handling cost and rdtime at the exit (for
 * tools/exittrace), e.g. "... -> emulated a0=0x6688 [cycles=964394 time=1234567]" */
int trace_format_exit_line(char *buf, size_t len, int vm, const struct trace_record *rec);

/* "off", "summary", "exits", "full", "dump" -> level; -1 when unknown. */
int trace_level_parse(const char *name);

#endif
