/* trace.c: the VM-exit trace ring, per-cause statistics, cause names and trace levels (portable). */
#include <string.h>
#include "riscv/csr.h"
#include "trace/trace.h"

#define RING_MASK   (TRACE_RING_SIZE - 1)
#define IRQ_SLOT0   24   /* first interrupt slot in trace_stats.cause */

_Static_assert((TRACE_RING_SIZE & RING_MASK) == 0, "TRACE_RING_SIZE must be a power of two");
_Static_assert(IRQ_SLOT0 + 8 == TRACE_MAX_CAUSE, "24 exception slots, then 8 interrupt slots");
_Static_assert(TRACE_SLOT_OTHER < IRQ_SLOT0, "the catch-all slot is an exception slot");

void trace_ring_push(struct trace_ring *ring, const struct trace_record *rec)
{
	ring->rec[ring->next & RING_MASK] = *rec;
	ring->next++;
}

uint64_t trace_ring_count(const struct trace_ring *ring)
{
	return ring->next < TRACE_RING_SIZE ? ring->next : TRACE_RING_SIZE;
}

const struct trace_record *trace_ring_recent(const struct trace_ring *ring, uint64_t i)
{
	if (i >= trace_ring_count(ring))
		return NULL;
	return &ring->rec[(ring->next - 1 - i) & RING_MASK];
}

/* The interrupt codes a hypervisor sees, one slot each; every other code shares the last slot. */
static const uint8_t irq_slot_codes[8] = { 1, 2, 5, 6, 9, 10, 12, 0xff };

unsigned trace_cause_slot(uint64_t scause)
{
	if (!(scause & CAUSE_INTERRUPT_FLAG))
		return scause < IRQ_SLOT0 ? (unsigned)scause : TRACE_SLOT_OTHER;
	uint64_t code = scause & ~CAUSE_INTERRUPT_FLAG;
	unsigned i = 0;
	while (i < 7 && irq_slot_codes[i] != code)
		i++;
	return IRQ_SLOT0 + i;
}

uint64_t trace_slot_cause(unsigned slot)
{
	if (slot < IRQ_SLOT0)
		return slot;
	if (slot >= TRACE_MAX_CAUSE)
		return TRACE_SLOT_OTHER;
	return CAUSE_INTERRUPT_FLAG | irq_slot_codes[slot - IRQ_SLOT0];
}

static const char *const exception_names[IRQ_SLOT0] = {
	"instruction-misaligned", "instruction-access-fault", "illegal-instruction", "breakpoint",
	"load-misaligned", "load-access-fault", "store-misaligned", "store-access-fault",
	"ecall-u", "ecall-hs", "vs-ecall", "ecall-m",
	"instruction-page-fault", "load-page-fault", "exception-14", "store-page-fault",
	"exception-16", "exception-17", "software-check", "hardware-error",
	"fetch-guest-page-fault", "load-guest-page-fault", "virtual-instruction", "store-guest-page-fault",
};

static const char *const irq_names[16] = {
	"irq-0", "irq-s-software", "irq-vs-software", "irq-3",
	"irq-4", "irq-s-timer", "irq-vs-timer", "irq-7",
	"irq-8", "irq-s-external", "irq-vs-external", "irq-11",
	"irq-12", "irq-13", "irq-14", "irq-15",
};

const char *trace_cause_name(uint64_t scause)
{
	if (scause & CAUSE_INTERRUPT_FLAG) {
		uint64_t code = scause & ~CAUSE_INTERRUPT_FLAG;
		return code < 16 ? irq_names[code] : "irq-unknown";
	}
	return scause < IRQ_SLOT0 ? exception_names[scause] : "exception-unknown";
}

void trace_stats_add(struct trace_stats *st, uint64_t scause, uint32_t cycles)
{
	struct trace_cause_stats *c = &st->cause[trace_cause_slot(scause)];
	c->count++;
	c->cycles_total += cycles;
	if (cycles > c->cycles_max)
		c->cycles_max = cycles;
	st->exits++;
}

static const char *const level_names[] = {
	[TRACE_OFF] = "off", [TRACE_SUMMARY] = "summary", [TRACE_EXITS] = "exits",
	[TRACE_FULL] = "full", [TRACE_DUMP] = "dump",
};

int trace_level_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < (int)(sizeof(level_names) / sizeof(level_names[0])); i++)
		if (!strcmp(name, level_names[i]))
			return i;
	return -1;
}
