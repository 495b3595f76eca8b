/* insn.c: decodes the RV64GC/H instructions the hypervisor emulates (loads, stores, CSRs, system). */
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include "riscv/insn.h"
#include "riscv/csr.h"

/* Major opcodes (bits[6:0]) of the 32-bit encodings decoded here. */
#define OP_LOAD      0x03
#define OP_LOAD_FP   0x07
#define OP_MISC_MEM  0x0f
#define OP_STORE     0x23
#define OP_STORE_FP  0x27
#define OP_AMO       0x2f
#define OP_SYSTEM    0x73

/* Exact encodings of the operand-less privileged instructions. */
#define ENC_ECALL    0x00000073u
#define ENC_EBREAK   0x00100073u
#define ENC_SRET     0x10200073u
#define ENC_MRET     0x30200073u
#define ENC_WFI      0x10500073u
#define ENC_C_EBREAK 0x9002u

/* funct7 of the SYSTEM/PRIV (funct3 = 0) fences. */
#define F7_SFENCE_VMA  0x09
#define F7_HFENCE_VVMA 0x11
#define F7_HFENCE_GVMA 0x31

/* ---- field extraction ---- */

static inline uint32_t bits_of(uint32_t x, unsigned hi, unsigned lo)
{
	return (x >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline uint8_t f_rd(uint32_t b) { return (uint8_t)bits_of(b, 11, 7); }
static inline uint8_t f_rs1(uint32_t b) { return (uint8_t)bits_of(b, 19, 15); }
static inline uint8_t f_rs2(uint32_t b) { return (uint8_t)bits_of(b, 24, 20); }
static inline uint32_t f_funct3(uint32_t b) { return bits_of(b, 14, 12); }
static inline uint32_t f_funct7(uint32_t b) { return bits_of(b, 31, 25); }

/* I-type immediate: bits[31:20], sign-extended. */
static inline int64_t imm_i(uint32_t b)
{
	return (int64_t)((int32_t)b >> 20);
}

/* S-type immediate: bits[31:25] | bits[11:7], sign-extended. */
static inline int64_t imm_s(uint32_t b)
{
	return (int64_t)(((int32_t)(b & 0xfe000000u) >> 20) | (int32_t)bits_of(b, 11, 7));
}

/* ---- 32-bit encodings ---- */

static bool decode_load(uint32_t b, struct insn *o)
{
	static const uint8_t width[7] = { 1, 2, 4, 8, 1, 2, 4 };  /* lb lh lw ld lbu lhu lwu */
	uint32_t f3 = f_funct3(b);
	if (f3 > 6)
		return false;
	o->kind = INSN_LOAD;
	o->width = width[f3];
	o->sign_extend = f3 < 4;
	o->rd = f_rd(b);
	o->rs1 = f_rs1(b);
	o->imm = imm_i(b);
	return true;
}

static bool decode_store(uint32_t b, struct insn *o)
{
	uint32_t f3 = f_funct3(b);
	if (f3 > 3)
		return false;
	o->kind = INSN_STORE;
	o->width = (uint8_t)(1u << f3);
	o->rs1 = f_rs1(b);
	o->rs2 = f_rs2(b);
	o->imm = imm_s(b);
	return true;
}

/* flw/fld (store == false) and fsw/fsd: funct3 2 or 3; other funct3 values are vector or Zfh/Q. */
static bool decode_fp_mem(uint32_t b, bool store, struct insn *o)
{
	uint32_t f3 = f_funct3(b);
	if (f3 != 2 && f3 != 3)
		return false;
	o->kind = store ? INSN_FP_STORE : INSN_FP_LOAD;
	o->width = (uint8_t)(1u << f3);
	o->rs1 = f_rs1(b);
	if (store) {
		o->rs2 = f_rs2(b);
		o->imm = imm_s(b);
	} else {
		o->rd = f_rd(b);
		o->imm = imm_i(b);
	}
	return true;
}

/* Is funct5 (bits[31:27]) one of lr, sc or the nine A-extension AMOs? */
static bool amo_funct5_valid(uint32_t f5)
{
	switch (f5) {
	case 0x00: case 0x01: case 0x02: case 0x03: case 0x04:   /* add swap lr sc xor */
	case 0x08: case 0x0c: case 0x10: case 0x14: case 0x18: case 0x1c:  /* or and min max minu maxu */
		return true;
	default:
		return false;
	}
}

static bool decode_amo(uint32_t b, struct insn *o)
{
	uint32_t f3 = f_funct3(b), f5 = bits_of(b, 31, 27);
	if ((f3 != 2 && f3 != 3) || !amo_funct5_valid(f5))
		return false;
	if (f5 == 0x02 && f_rs2(b) != 0)   /* lr.* has rs2 = 0 */
		return false;
	o->kind = INSN_AMO;
	o->width = (uint8_t)(1u << f3);
	o->sign_extend = true;             /* the .w forms sign-extend the loaded word into rd */
	o->rd = f_rd(b);
	o->rs1 = f_rs1(b);
	o->rs2 = f_rs2(b);
	return true;
}

/* SYSTEM funct3 = 0: ecall ebreak sret mret wfi and the address-translation fences. */
static bool decode_priv(uint32_t b, struct insn *o)
{
	switch (b) {
	case ENC_ECALL:  o->kind = INSN_ECALL; return true;
	case ENC_EBREAK: o->kind = INSN_EBREAK; return true;
	case ENC_SRET:   o->kind = INSN_SRET; return true;
	case ENC_MRET:   o->kind = INSN_MRET; return true;
	case ENC_WFI:    o->kind = INSN_WFI; return true;
	default: break;
	}
	if (f_rd(b) != 0)
		return false;
	switch (f_funct7(b)) {
	case F7_SFENCE_VMA:  o->kind = INSN_SFENCE_VMA; break;
	case F7_HFENCE_VVMA: o->kind = INSN_HFENCE_VVMA; break;
	case F7_HFENCE_GVMA: o->kind = INSN_HFENCE_GVMA; break;
	default: return false;
	}
	o->rs1 = f_rs1(b);
	o->rs2 = f_rs2(b);
	return true;
}

/* SYSTEM funct3 = 4: hlv/hlvx (funct7 bit 0 clear) and hsv (set); funct7[2:1] is log2(width). */
static bool decode_hlsv(uint32_t b, struct insn *o)
{
	uint32_t f7 = f_funct7(b), rs2 = f_rs2(b);
	if ((f7 & 0x79) == 0x31) {         /* 011 0ww 1: hsv.{b,h,w,d} */
		if (f_rd(b) != 0)
			return false;
		o->kind = INSN_HSV;
		o->rs2 = (uint8_t)rs2;
	} else if ((f7 & 0x79) == 0x30) {  /* 011 0ww 0: hlv (rs2 0), hlv.u (1), hlvx.u (3) */
		unsigned w = bits_of(f7, 2, 1);
		bool ok = rs2 == 0 || (rs2 == 1 && w < 3) || (rs2 == 3 && (w == 1 || w == 2));
		if (!ok)
			return false;
		o->kind = INSN_HLV;
		o->rd = f_rd(b);
		o->sign_extend = rs2 == 0;
	} else {
		return false;
	}
	o->width = (uint8_t)(1u << bits_of(f7, 2, 1));
	o->rs1 = f_rs1(b);
	return true;
}

static void decode_csr(uint32_t b, struct insn *o)
{
	uint32_t f3 = f_funct3(b);
	o->kind = INSN_CSR;
	o->csr = (uint16_t)bits_of(b, 31, 20);
	o->csr_op = (uint8_t)(f3 & 3);
	o->csr_imm = (f3 & 4) != 0;
	o->rd = f_rd(b);
	o->rs1 = f_rs1(b);
}

static bool decode_system(uint32_t b, struct insn *o)
{
	uint32_t f3 = f_funct3(b);
	if (f3 == 0)
		return decode_priv(b, o);
	if (f3 == 4)
		return decode_hlsv(b, o);
	decode_csr(b, o);
	return true;
}

/* fence (funct3 0, including fence.tso and pause) and fence.i (funct3 1). */
static bool decode_misc_mem(uint32_t b, struct insn *o)
{
	uint32_t f3 = f_funct3(b);
	if (f3 > 1)
		return false;
	o->kind = f3 ? INSN_FENCE_I : INSN_FENCE;
	o->rd = f_rd(b);
	o->rs1 = f_rs1(b);
	return true;
}

static bool decode32(uint32_t b, struct insn *o)
{
	switch (b & 0x7f) {
	case OP_LOAD:     return decode_load(b, o);
	case OP_STORE:    return decode_store(b, o);
	case OP_LOAD_FP:  return decode_fp_mem(b, false, o);
	case OP_STORE_FP: return decode_fp_mem(b, true, o);
	case OP_AMO:      return decode_amo(b, o);
	case OP_SYSTEM:   return decode_system(b, o);
	case OP_MISC_MEM: return decode_misc_mem(b, o);
	default:          return false;
	}
}

/* ---- 16-bit (RVC) encodings ---- */

/* Offsets of the compressed loads/stores, as scaled and scattered by the RVC formats. */
static uint32_t c_off_cl_w(uint32_t c)     /* c.lw c.sw: uimm[5:3|2|6] */
{
	return bits_of(c, 12, 10) << 3 | bits_of(c, 6, 6) << 2 | bits_of(c, 5, 5) << 6;
}

static uint32_t c_off_cl_d(uint32_t c)     /* c.ld c.sd c.fld c.fsd: uimm[5:3|7:6] */
{
	return bits_of(c, 12, 10) << 3 | bits_of(c, 6, 5) << 6;
}

static uint32_t c_off_ci_w(uint32_t c)     /* c.lwsp: uimm[5|4:2|7:6] */
{
	return bits_of(c, 12, 12) << 5 | bits_of(c, 6, 4) << 2 | bits_of(c, 3, 2) << 6;
}

static uint32_t c_off_ci_d(uint32_t c)     /* c.ldsp c.fldsp: uimm[5|4:3|8:6] */
{
	return bits_of(c, 12, 12) << 5 | bits_of(c, 6, 5) << 3 | bits_of(c, 4, 2) << 6;
}

static uint32_t c_off_css_w(uint32_t c)    /* c.swsp: uimm[5:2|7:6] */
{
	return bits_of(c, 12, 9) << 2 | bits_of(c, 8, 7) << 6;
}

static uint32_t c_off_css_d(uint32_t c)    /* c.sdsp c.fsdsp: uimm[5:3|8:6] */
{
	return bits_of(c, 12, 10) << 3 | bits_of(c, 9, 7) << 6;
}

/* Fills a memory access of the given kind; reg is rd for loads and rs2 for stores. */
static bool c_mem(struct insn *o, enum insn_kind kind, uint8_t width, uint8_t reg,
		  uint8_t base, uint32_t off)
{
	o->kind = kind;
	o->width = width;
	o->sign_extend = kind == INSN_LOAD;
	o->rs1 = base;
	o->imm = off;
	if (kind == INSN_LOAD || kind == INSN_FP_LOAD)
		o->rd = reg;
	else
		o->rs2 = reg;
	return true;
}

/* Quadrant 0: c.fld c.lw c.ld c.fsd c.sw c.sd; registers are x8 + a 3-bit field. */
static bool decode_c0(uint32_t c, struct insn *o)
{
	uint8_t r = (uint8_t)(8 + bits_of(c, 4, 2)), base = (uint8_t)(8 + bits_of(c, 9, 7));
	switch (bits_of(c, 15, 13)) {
	case 1: return c_mem(o, INSN_FP_LOAD, 8, r, base, c_off_cl_d(c));
	case 2: return c_mem(o, INSN_LOAD, 4, r, base, c_off_cl_w(c));
	case 3: return c_mem(o, INSN_LOAD, 8, r, base, c_off_cl_d(c));
	case 5: return c_mem(o, INSN_FP_STORE, 8, r, base, c_off_cl_d(c));
	case 6: return c_mem(o, INSN_STORE, 4, r, base, c_off_cl_w(c));
	case 7: return c_mem(o, INSN_STORE, 8, r, base, c_off_cl_d(c));
	default: return false;
	}
}

/* Quadrant 2: the sp-relative loads/stores and c.ebreak. */
static bool decode_c2(uint32_t c, struct insn *o)
{
	uint8_t rd = (uint8_t)bits_of(c, 11, 7), rs2 = (uint8_t)bits_of(c, 6, 2);
	switch (bits_of(c, 15, 13)) {
	case 1: return c_mem(o, INSN_FP_LOAD, 8, rd, 2, c_off_ci_d(c));
	case 2: return rd && c_mem(o, INSN_LOAD, 4, rd, 2, c_off_ci_w(c));   /* rd = 0 reserved */
	case 3: return rd && c_mem(o, INSN_LOAD, 8, rd, 2, c_off_ci_d(c));
	case 4:
		if (c != ENC_C_EBREAK)
			return false;
		o->kind = INSN_EBREAK;
		return true;
	case 5: return c_mem(o, INSN_FP_STORE, 8, rs2, 2, c_off_css_d(c));
	case 6: return c_mem(o, INSN_STORE, 4, rs2, 2, c_off_css_w(c));
	case 7: return c_mem(o, INSN_STORE, 8, rs2, 2, c_off_css_d(c));
	default: return false;
	}
}

static bool decode16(uint32_t c, struct insn *o)
{
	switch (c & 3) {
	case 0:  return decode_c0(c, o);
	case 2:  return decode_c2(c, o);
	default: return false;            /* quadrant 1 holds nothing decoded here */
	}
}

/* ---- entry points ---- */

bool insn_decode(uint32_t bits, struct insn *out)
{
	bool ok;
	*out = (struct insn){ 0 };   /* not memset: picolibc's is a byte loop, this a few stores */
	if (insn_length((uint16_t)bits) == 2) {
		out->raw = bits & 0xffff;
		out->len = 2;
		ok = decode16(out->raw, out);
	} else {
		out->raw = bits;
		out->len = 4;
		/* bits[4:2] == 111 marks encodings longer than 32 bits */
		ok = (bits & 0x1c) != 0x1c && decode32(bits, out);
	}
	if (!ok) {
		*out = (struct insn){ 0 };
		out->raw = bits;
	}
	return ok;
}

static bool htinst_kind_ok(enum insn_kind k)
{
	return k == INSN_LOAD || k == INSN_STORE || k == INSN_FP_LOAD || k == INSN_FP_STORE ||
	       k == INSN_AMO || k == INSN_HLV || k == INSN_HSV;
}

/* A transformed instruction keeps opcode, funct3, rd/rs2 and funct7 (AMO/hlv/hsv) of the
 * trapping one; its rs1 field holds the faulting address's offset from the original address
 * (0 except for misaligned accesses) and is reported in rs1; its immediate is zero. Bit 1 is
 * 0 when the trapping instruction was 16 bits long. raw keeps the htinst value unchanged. */
bool insn_decode_htinst(uint32_t htinst, struct insn *out)
{
	bool ok = (htinst & 1) && insn_decode(htinst | 2, out) &&
		  htinst_kind_ok(out->kind) && out->imm == 0;
	if (!ok) {
		*out = (struct insn){ 0 };
		out->raw = htinst;
		return false;
	}
	out->raw = htinst;
	out->len = (htinst & 2) ? 4 : 2;
	return true;
}

const char *insn_reg_name(unsigned n)
{
	static const char *const names[32] = {
		"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
		"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
		"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
		"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};
	return n < 32 ? names[n] : "?";
}

/* ---- CSR names ---- */

struct csr_name {
	uint16_t num;
	const char *name;
};

#define CSR_NAME(n, s) { CSR_##n, s }

static const struct csr_name csr_names[] = {
	CSR_NAME(FFLAGS, "fflags"), CSR_NAME(FRM, "frm"), CSR_NAME(FCSR, "fcsr"),
	CSR_NAME(SSTATUS, "sstatus"), CSR_NAME(SIE, "sie"), CSR_NAME(STVEC, "stvec"),
	CSR_NAME(SCOUNTEREN, "scounteren"), CSR_NAME(SENVCFG, "senvcfg"),
	CSR_NAME(SSCRATCH, "sscratch"), CSR_NAME(SEPC, "sepc"), CSR_NAME(SCAUSE, "scause"),
	CSR_NAME(STVAL, "stval"), CSR_NAME(SIP, "sip"), CSR_NAME(STIMECMP, "stimecmp"),
	CSR_NAME(SATP, "satp"),
	CSR_NAME(VSSTATUS, "vsstatus"), CSR_NAME(VSIE, "vsie"), CSR_NAME(VSTVEC, "vstvec"),
	CSR_NAME(VSSCRATCH, "vsscratch"), CSR_NAME(VSEPC, "vsepc"), CSR_NAME(VSCAUSE, "vscause"),
	CSR_NAME(VSTVAL, "vstval"), CSR_NAME(VSIP, "vsip"), CSR_NAME(VSTIMECMP, "vstimecmp"),
	CSR_NAME(VSATP, "vsatp"),
	CSR_NAME(MSTATUS, "mstatus"), CSR_NAME(MISA, "misa"), CSR_NAME(MEDELEG, "medeleg"),
	CSR_NAME(MIDELEG, "mideleg"), CSR_NAME(MIE, "mie"), CSR_NAME(MTVEC, "mtvec"),
	CSR_NAME(MCOUNTEREN, "mcounteren"), CSR_NAME(MENVCFG, "menvcfg"),
	CSR_NAME(MSCRATCH, "mscratch"), CSR_NAME(MEPC, "mepc"), CSR_NAME(MCAUSE, "mcause"),
	CSR_NAME(MTVAL, "mtval"), CSR_NAME(MIP, "mip"), CSR_NAME(MTINST, "mtinst"),
	CSR_NAME(MTVAL2, "mtval2"),
	CSR_NAME(HSTATUS, "hstatus"), CSR_NAME(HEDELEG, "hedeleg"), CSR_NAME(HIDELEG, "hideleg"),
	CSR_NAME(HIE, "hie"), CSR_NAME(HTIMEDELTA, "htimedelta"),
	CSR_NAME(HCOUNTEREN, "hcounteren"), CSR_NAME(HGEIE, "hgeie"),
	CSR_NAME(HENVCFG, "henvcfg"), CSR_NAME(HTVAL, "htval"), CSR_NAME(HIP, "hip"),
	CSR_NAME(HVIP, "hvip"), CSR_NAME(HTINST, "htinst"), CSR_NAME(HGATP, "hgatp"),
	CSR_NAME(HGEIP, "hgeip"),
	CSR_NAME(CYCLE, "cycle"), CSR_NAME(TIME, "time"), CSR_NAME(INSTRET, "instret"),
	CSR_NAME(MVENDORID, "mvendorid"), CSR_NAME(MARCHID, "marchid"),
	CSR_NAME(MIMPID, "mimpid"), CSR_NAME(MHARTID, "mhartid"),
};

const char *insn_csr_name(uint16_t csr)
{
	for (size_t i = 0; i < sizeof(csr_names) / sizeof(csr_names[0]); i++)
		if (csr_names[i].num == csr)
			return csr_names[i].name;
	return NULL;
}
