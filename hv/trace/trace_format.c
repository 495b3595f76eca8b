/* trace_format.c: one readable line per VM-exit trace record (portable; no printf format quirks). */
#include "riscv/csr.h"
#include "trace/trace.h"
#include "riscv/insn.h"

/* A bounded writer: pos counts every character asked for, like snprintf's return value. */
struct out {
	char *buf;
	size_t len;
	size_t pos;
};

static void out_char(struct out *o, char c)
{
	if (o->len && o->pos < o->len - 1)
		o->buf[o->pos] = c;
	o->pos++;
}

static void out_str(struct out *o, const char *s)
{
	while (*s)
		out_char(o, *s++);
}

static void out_hex(struct out *o, uint64_t v)
{
	char digits[16];
	int n = 0;
	do {
		digits[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	out_str(o, "0x");
	while (n)
		out_char(o, digits[--n]);
}

static void out_udec(struct out *o, uint64_t v)
{
	char digits[20];
	int n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out_char(o, digits[--n]);
}

static void out_sdec(struct out *o, int64_t v)
{
	if (v < 0) {
		out_char(o, '-');
		out_udec(o, 0 - (uint64_t)v);   /* also right for INT64_MIN */
	} else {
		out_udec(o, (uint64_t)v);
	}
}

static void out_finish(struct out *o)
{
	if (o->len)
		o->buf[o->pos < o->len ? o->pos : o->len - 1] = 0;
}

static bool is_guest_page_fault(uint64_t cause)
{
	return cause == 20 || cause == 21 || cause == 23;
}

/* " gpa=..." for guest-page faults (htval holds GPA >> 2, stval the page offset), else " stval=..." */
static void out_fault_address(struct out *o, const struct trace_record *rec)
{
	if (rec->cause & CAUSE_INTERRUPT_FLAG)
		return;
	if (is_guest_page_fault(rec->cause)) {
		out_str(o, " gpa=");
		out_hex(o, ((rec->htval << 2) & ~0xfffULL) | (rec->stval & 0xfff));
	} else if (rec->stval) {
		out_str(o, " stval=");
		out_hex(o, rec->stval);
	}
}

static void out_insn(struct out *o, uint32_t bits)
{
	struct insn in;
	char text[64];
	out_char(o, ' ');
	if (!insn_decode(bits, &in)) {
		out_str(o, "insn=");
		out_hex(o, bits);
		return;
	}
	text[0] = 0;
	const char *s = insn_format(&in, text, sizeof(text));
	text[sizeof(text) - 1] = 0;   /* whatever insn_format did, text stays a string */
	out_str(o, s ? s : text);
}

static void out_reg(struct out *o, unsigned rd)
{
	const char *name = rd < 32 ? insn_reg_name(rd) : NULL;
	if (name) {
		out_str(o, name);
	} else {
		out_char(o, 'x');
		out_udec(o, rd);
	}
}

static void out_action(struct out *o, const struct trace_record *rec)
{
	static const char *const simple[] = {
		[ACT_NONE] = "none", [ACT_IRQ] = "irq", [ACT_IDLE] = "idle",
		[ACT_MAPPED] = "mapped", [ACT_STOPPED] = "stopped",
	};
	out_str(o, " -> ");
	switch (rec->action) {
	case ACT_EMULATED:
		out_str(o, "emulated");
		if (rec->rd) {
			out_char(o, ' ');
			out_reg(o, rec->rd);
			out_char(o, '=');
			out_hex(o, rec->value);
		}
		return;
	case ACT_INJECTED:
		out_str(o, "injected cause=");
		out_udec(o, rec->value);
		return;
	case ACT_SBI:
		out_str(o, "sbi a0=");
		out_sdec(o, (int64_t)rec->value);
		return;
	default:
		if (rec->action < sizeof(simple) / sizeof(simple[0]) && simple[rec->action]) {
			out_str(o, simple[rec->action]);
		} else {
			out_str(o, "action-");
			out_udec(o, rec->action);
		}
	}
}

static void out_record(struct out *o, int vm, const struct trace_record *rec)
{
	out_str(o, "[vm");
	out_sdec(o, vm);
	out_char(o, '/');
	out_udec(o, rec->vcpu);
	out_str(o, "] exit ");
	out_udec(o, rec->seq);
	out_char(o, ' ');
	out_str(o, trace_cause_name(rec->cause));
	out_str(o, " sepc=");
	out_hex(o, rec->sepc);
	out_fault_address(o, rec);
	if (rec->insn)
		out_insn(o, rec->insn);
	out_action(o, rec);
}

static int out_result(struct out *o)
{
	out_finish(o);
	return o->pos > 0x7fffffff ? 0x7fffffff : (int)o->pos;
}

int trace_format_record(char *buf, size_t len, int vm, const struct trace_record *rec)
{
	struct out o = { buf, len, 0 };
	out_record(&o, vm, rec);
	return out_result(&o);
}

int trace_format_exit_line(char *buf, size_t len, int vm, const struct trace_record *rec)
{
	struct out o = { buf, len, 0 };
	out_record(&o, vm, rec);
	out_str(&o, " [cycles=");
	out_udec(&o, rec->cycles);
	out_str(&o, " time=");
	out_udec(&o, rec->time);
	out_char(&o, ']');
	return out_result(&o);
}
