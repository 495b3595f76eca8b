/* exit_trace.c: turns a handled exit into a trace record; prints it (exits, full), the summary and the dump. */
#include <stdio.h>
#include "riscv/csr.h"
#include "base/host_dtb.h"
#include "core/exit_trace.h"
#include "trace/trace_dump.h"
#include "riscv/insn.h"

static void print_registers(const struct vcpu *v)
{
	for (int i = 1; i < 32; i++)
		printf("    %-4s=0x%016lx%s", insn_reg_name(i), (unsigned long)v->x[i], i % 4 == 3 ? "\n" : "");
	printf("\n");
}

void exit_trace_record(struct vcpu *v, const struct exit_info *info, uint64_t cycles)
{
	if (v->vm->trace_level == TRACE_SUMMARY) {   /* counts only: no record to build */
		trace_stats_add(&v->vm->stats, v->scause, cycles > UINT32_MAX ? UINT32_MAX : (uint32_t)cycles);
		return;
	}
	struct trace_record rec = {
		.seq = ++v->exit_seq,
		.time = csr_read(CSR_TIME),
		.cause = v->scause,
		.sepc = v->exit_pc,   /* sepc may have moved on; the record keeps the pc that trapped */
		.stval = v->stval,
		.htval = v->htval,
		.htinst = v->htinst,
		.value = info->value,
		.insn = info->insn,
		.cycles = cycles > UINT32_MAX ? UINT32_MAX : (uint32_t)cycles,
		.vcpu = (uint16_t)v->id,
		.action = info->action,
		.rd = info->rd,
	};
	trace_ring_push(&v->trace, &rec);
	trace_stats_add(&v->vm->stats, v->scause, rec.cycles);
	/* dump records as quietly as summary: the ring is printed when the VM stops */
	if (v->vm->trace_level == TRACE_EXITS || v->vm->trace_level == TRACE_FULL) {
		char line[240];
		trace_format_exit_line(line, sizeof(line), v->vm->id, &rec);
		printf("%s\n", line);
		if (v->vm->trace_level == TRACE_FULL)
			print_registers(v);
	}
}

void exit_trace_print_summary(const struct vm *vm)
{
	const struct trace_stats *st = &vm->stats;
	/* the guest's clock started at 0 when the VM was built (htimedelta), so its time is its age */
	uint64_t ms = (csr_read(CSR_TIME) + vm->htimedelta) / (host.timebase_hz / 1000 ? host.timebase_hz / 1000 : 1);
	printf("[vm%d] exit summary for %s: %lu exits in %lu ms\n", vm->id, vm->name, (unsigned long)st->exits,
	       (unsigned long)ms);
	printf("[vm%d]   %-26s %10s %12s %12s %10s\n", vm->id, "cause", "count", "mean cycles", "max cycles",
	       "per second");
	for (unsigned slot = 0; slot < TRACE_MAX_CAUSE; slot++) {
		const struct trace_cause_stats *c = &st->cause[slot];
		if (!c->count)
			continue;
		uint64_t scause = trace_slot_cause(slot);
		printf("[vm%d]   %-26s %10lu %12lu %12lu %10lu\n", vm->id, trace_cause_name(scause),
		       (unsigned long)c->count, (unsigned long)(c->cycles_total / c->count),
		       (unsigned long)c->cycles_max, (unsigned long)(ms ? c->count * 1000 / ms : 0));
	}
}

static void print_dump_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
}

void exit_trace_print_dump(const struct vm *vm)
{
	for (int c = 0; c < vm->nvcpus; c++)
		trace_dump_ring(&vm->vcpu[c].trace, vm->id, (unsigned)c, host.timebase_hz, print_dump_line, NULL);
}
