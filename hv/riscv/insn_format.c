/* insn_format.c: disassembles a decoded instruction into objdump-style text (no aliases). */
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include "riscv/insn.h"

/* ABI name of floating-point register n. */
static const char *fp_reg_name(unsigned n)
{
	static const char *const names[32] = {
		"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
		"fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
		"fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
		"fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
	};
	return n < 32 ? names[n] : "?";
}

/* Width suffix letter: b h w d. */
static char width_letter(uint8_t width)
{
	switch (width) {
	case 1: return 'b';
	case 2: return 'h';
	case 4: return 'w';
	default: return 'd';
	}
}

/* Loads and stores, integer and FP, compressed ones in their expanded form: "ld a0,8(a1)". */
static void format_mem(const struct insn *in, char *buf, size_t len)
{
	bool load = in->kind == INSN_LOAD || in->kind == INSN_FP_LOAD;
	bool fp = in->kind == INSN_FP_LOAD || in->kind == INSN_FP_STORE;
	unsigned reg = load ? in->rd : in->rs2;
	const char *unsig = in->kind == INSN_LOAD && !in->sign_extend && in->width < 8 ? "u" : "";
	snprintf(buf, len, "%s%c%c%s %s,%ld(%s)", fp ? "f" : "", load ? 'l' : 's',
		 width_letter(in->width), unsig, fp ? fp_reg_name(reg) : insn_reg_name(reg),
		 (long)in->imm, insn_reg_name(in->rs1));
}

/* Name of an AMO by funct5 (bits[31:27]). */
static const char *amo_name(unsigned f5)
{
	switch (f5) {
	case 0x00: return "amoadd";
	case 0x01: return "amoswap";
	case 0x02: return "lr";
	case 0x03: return "sc";
	case 0x04: return "amoxor";
	case 0x08: return "amoor";
	case 0x0c: return "amoand";
	case 0x10: return "amomin";
	case 0x14: return "amomax";
	case 0x18: return "amominu";
	case 0x1c: return "amomaxu";
	default: return "amo?";
	}
}

/* "lr.w a0,(a1)", "sc.d.rl a3,a4,(a5)", "amoadd.d.aqrl a0,a1,(a2)". */
static void format_amo(const struct insn *in, char *buf, size_t len)
{
	static const char *const order[4] = { "", ".rl", ".aq", ".aqrl" };
	unsigned f5 = (in->raw >> 27) & 0x1f;
	const char *name = amo_name(f5), *ord = order[(in->raw >> 25) & 3];
	char w = width_letter(in->width);
	if (f5 == 0x02)
		snprintf(buf, len, "%s.%c%s %s,(%s)", name, w, ord, insn_reg_name(in->rd),
			 insn_reg_name(in->rs1));
	else
		snprintf(buf, len, "%s.%c%s %s,%s,(%s)", name, w, ord, insn_reg_name(in->rd),
			 insn_reg_name(in->rs2), insn_reg_name(in->rs1));
}

/* "csrrs a1,mhartid,zero", "csrrwi zero,sstatus,5"; unknown CSRs as "0x7c0". */
static void format_csr(const struct insn *in, char *buf, size_t len)
{
	static const char *const ops[4] = { "csrr?", "csrrw", "csrrs", "csrrc" };
	char csr[8];
	const char *name = insn_csr_name(in->csr);
	if (!name) {
		snprintf(csr, sizeof(csr), "0x%x", in->csr);
		name = csr;
	}
	if (in->csr_imm)
		snprintf(buf, len, "%si %s,%s,%u", ops[in->csr_op & 3], insn_reg_name(in->rd), name,
			 in->rs1);
	else
		snprintf(buf, len, "%s %s,%s,%s", ops[in->csr_op & 3], insn_reg_name(in->rd), name,
			 insn_reg_name(in->rs1));
}

/* "hlv.w a0,(a1)", "hlvx.hu a0,(a1)", "hsv.d a0,(a1)". */
static void format_hlsv(const struct insn *in, char *buf, size_t len)
{
	char w = width_letter(in->width);
	if (in->kind == INSN_HSV) {
		snprintf(buf, len, "hsv.%c %s,(%s)", w, insn_reg_name(in->rs2), insn_reg_name(in->rs1));
		return;
	}
	bool hlvx = ((in->raw >> 20) & 0x1f) == 3;
	snprintf(buf, len, "%s.%c%s %s,(%s)", hlvx ? "hlvx" : "hlv", w, in->sign_extend ? "" : "u",
		 insn_reg_name(in->rd), insn_reg_name(in->rs1));
}

/* A fence's predecessor or successor set (4 bits: i o r w) as letters, "0" when empty. */
static void fence_set(unsigned set, char out[5])
{
	static const char letters[4] = { 'i', 'o', 'r', 'w' };
	size_t n = 0;
	for (unsigned i = 0; i < 4; i++)
		if (set & (8u >> i))
			out[n++] = letters[i];
	if (!n)
		out[n++] = '0';
	out[n] = '\0';
}

/* "fence iorw,iorw", "fence rw,w", "fence.tso". */
static void format_fence(const struct insn *in, char *buf, size_t len)
{
	char pred[5], succ[5];
	if ((in->raw >> 28) == 0x8) {
		snprintf(buf, len, "fence.tso");
		return;
	}
	fence_set((in->raw >> 24) & 0xf, pred);
	fence_set((in->raw >> 20) & 0xf, succ);
	snprintf(buf, len, "fence %s,%s", pred, succ);
}

/* "sfence.vma a0,a1", "hfence.gvma zero,a2". */
static void format_tlb_fence(const struct insn *in, char *buf, size_t len)
{
	const char *name = in->kind == INSN_SFENCE_VMA ? "sfence.vma" :
			   in->kind == INSN_HFENCE_VVMA ? "hfence.vvma" : "hfence.gvma";
	snprintf(buf, len, "%s %s,%s", name, insn_reg_name(in->rs1), insn_reg_name(in->rs2));
}

/* The instructions without operands; anything else as "unknown 0x<raw>". */
static void format_simple(const struct insn *in, char *buf, size_t len)
{
	const char *name;
	switch (in->kind) {
	case INSN_ECALL:   name = "ecall"; break;
	case INSN_EBREAK:  name = "ebreak"; break;
	case INSN_SRET:    name = "sret"; break;
	case INSN_MRET:    name = "mret"; break;
	case INSN_WFI:     name = "wfi"; break;
	case INSN_FENCE_I: name = "fence.i"; break;
	default:
		snprintf(buf, len, "unknown 0x%08x", (unsigned)in->raw);
		return;
	}
	snprintf(buf, len, "%s", name);
}

const char *insn_format(const struct insn *in, char *buf, size_t len)
{
	if (!buf || !len)
		return buf;
	switch (in->kind) {
	case INSN_LOAD: case INSN_STORE: case INSN_FP_LOAD: case INSN_FP_STORE:
		format_mem(in, buf, len);
		break;
	case INSN_AMO:   format_amo(in, buf, len); break;
	case INSN_CSR:   format_csr(in, buf, len); break;
	case INSN_HLV: case INSN_HSV:
		format_hlsv(in, buf, len);
		break;
	case INSN_FENCE: format_fence(in, buf, len); break;
	case INSN_SFENCE_VMA: case INSN_HFENCE_VVMA: case INSN_HFENCE_GVMA:
		format_tlb_fence(in, buf, len);
		break;
	default:         format_simple(in, buf, len); break;
	}
	return buf;
}
