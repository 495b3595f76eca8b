/* test_insn.c: the RV64GC/H instruction decoder and disassembler against assembler-made encodings.
 * unit-sources: hv/riscv/insn.c hv/riscv/insn_format.c
 *
 * Every encoding below was produced by riscv64-unknown-elf-as 2.40 (-march=rv64gch) and read back
 * with `riscv64-unknown-elf-objdump -d -M no-aliases`; the expected text is objdump's, with
 * compressed instructions in the form objdump prints for their 32-bit expansion. Register
 * numbers are the ABI names' (ISA manual). htinst values follow the privileged spec's
 * "transformed instruction" rules and were checked the same way (e.g. "lw a5,0(zero)").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <cmocka.h>
#include "riscv/insn.h"

/* ABI register numbers; the FP ones (ft0.., fs0 = f8, fa0 = f10 ...) reuse the same slots. */
enum {
	ZERO = 0, RA = 1, SP = 2, GP = 3, T0 = 5, T1 = 6, S0 = 8, S1 = 9,
	A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A7 = 17, S11 = 27, T6 = 31,
	FT0 = 0, FS0 = 8, FS1 = 9, FA0 = 10, FA1 = 11, FA7 = 17, FS11 = 27, FT11 = 31,
};

struct dec_case {
	uint32_t bits;
	enum insn_kind kind;
	uint8_t len, rd, rs1, rs2, width;
	bool sign;
	int64_t imm;
	const char *text;
};

#define L4(b, rd, rs1, w, s, imm, t)  { b, INSN_LOAD, 4, rd, rs1, 0, w, s, imm, t }
#define S4(b, rs2, rs1, w, imm, t)    { b, INSN_STORE, 4, 0, rs1, rs2, w, false, imm, t }
#define AMO(b, rd, rs1, rs2, w, t)    { b, INSN_AMO, 4, rd, rs1, rs2, w, true, 0, t }
#define SYS(b, k, rs1, rs2, t)        { b, k, 4, 0, rs1, rs2, 0, false, 0, t }
#define HLV(b, rd, rs1, w, s, t)      { b, INSN_HLV, 4, rd, rs1, 0, w, s, 0, t }
#define HSV(b, rs2, rs1, w, t)        { b, INSN_HSV, 4, 0, rs1, rs2, w, false, 0, t }
#define C_L(b, k, rd, rs1, w, imm, t)  { b, k, 2, rd, rs1, 0, w, k == INSN_LOAD, imm, t }
#define C_S(b, k, rs2, rs1, w, imm, t) { b, k, 2, 0, rs1, rs2, w, false, imm, t }

static const struct dec_case dec_cases[] = {
	/* integer loads: every width, signed and unsigned, negative and extreme offsets */
	L4(0x04003503, A0, ZERO, 8, true, 64, "ld a0,64(zero)"),
	L4(0xfff58503, A0, A1, 1, true, -1, "lb a0,-1(a1)"),
	L4(0x80041283, T0, S0, 2, true, -2048, "lh t0,-2048(s0)"),
	L4(0x00072783, A5, A4, 4, true, 0, "lw a5,0(a4)"),
	L4(0x7fffbd83, S11, T6, 8, true, 2047, "ld s11,2047(t6)"),
	L4(0x0036c603, A2, A3, 1, false, 3, "lbu a2,3(a3)"),
	L4(0xffa15703, A4, SP, 2, false, -6, "lhu a4,-6(sp)"),
	L4(0x00c1e083, RA, GP, 4, false, 12, "lwu ra,12(gp)"),
	/* integer stores */
	S4(0x00a58023, A0, A1, 1, 0, "sb a0,0(a1)"),
	S4(0xfe649e23, T1, S1, 2, -4, "sh t1,-4(s1)"),
	S4(0x80f72023, A5, A4, 4, -2048, "sw a5,-2048(a4)"),
	S4(0x00b13423, A1, SP, 8, 8, "sd a1,8(sp)"),
	/* FP loads and stores */
	{ 0x0045a507, INSN_FP_LOAD, 4, FA0, A1, 0, 4, false, 4, "flw fa0,4(a1)" },
	{ 0xff813407, INSN_FP_LOAD, 4, FS0, SP, 0, 8, false, -8, "fld fs0,-8(sp)" },
	{ 0x01f52827, INSN_FP_STORE, 4, 0, A0, FT11, 4, false, 16, "fsw ft11,16(a0)" },
	{ 0x7f12bc27, INSN_FP_STORE, 4, 0, T0, FA7, 8, false, 2040, "fsd fa7,2040(t0)" },
	/* lr/sc and every AMO, with ordering bits */
	AMO(0x1005a52f, A0, A1, 0, 4, "lr.w a0,(a1)"),
	AMO(0x140332af, T0, T1, 0, 8, "lr.d.aq t0,(t1)"),
	AMO(0x18c5a52f, A0, A1, A2, 4, "sc.w a0,a2,(a1)"),
	AMO(0x1ae7b6af, A3, A5, A4, 8, "sc.d.rl a3,a4,(a5)"),
	AMO(0x08b6252f, A0, A2, A1, 4, "amoswap.w a0,a1,(a2)"),
	AMO(0x06b6352f, A0, A2, A1, 8, "amoadd.d.aqrl a0,a1,(a2)"),
	AMO(0x20b6202f, ZERO, A2, A1, 4, "amoxor.w zero,a1,(a2)"),
	AMO(0x60b6352f, A0, A2, A1, 8, "amoand.d a0,a1,(a2)"),
	AMO(0x40b6252f, A0, A2, A1, 4, "amoor.w a0,a1,(a2)"),
	AMO(0x80b6352f, A0, A2, A1, 8, "amomin.d a0,a1,(a2)"),
	AMO(0xa0b6252f, A0, A2, A1, 4, "amomax.w a0,a1,(a2)"),
	AMO(0xc0b6352f, A0, A2, A1, 8, "amominu.d a0,a1,(a2)"),
	AMO(0xe0b6252f, A0, A2, A1, 4, "amomaxu.w a0,a1,(a2)"),
	/* system instructions and fences */
	SYS(0x00000073, INSN_ECALL, 0, 0, "ecall"),
	SYS(0x00100073, INSN_EBREAK, 0, 0, "ebreak"),
	SYS(0x10200073, INSN_SRET, 0, 0, "sret"),
	SYS(0x30200073, INSN_MRET, 0, 0, "mret"),
	SYS(0x10500073, INSN_WFI, 0, 0, "wfi"),
	SYS(0x12000073, INSN_SFENCE_VMA, ZERO, ZERO, "sfence.vma zero,zero"),
	SYS(0x12050073, INSN_SFENCE_VMA, A0, ZERO, "sfence.vma a0,zero"),
	SYS(0x12b50073, INSN_SFENCE_VMA, A0, A1, "sfence.vma a0,a1"),
	SYS(0x22b50073, INSN_HFENCE_VVMA, A0, A1, "hfence.vvma a0,a1"),
	SYS(0x62c00073, INSN_HFENCE_GVMA, ZERO, A2, "hfence.gvma zero,a2"),
	SYS(0x0ff0000f, INSN_FENCE, 0, 0, "fence iorw,iorw"),
	SYS(0x0310000f, INSN_FENCE, 0, 0, "fence rw,w"),
	SYS(0x8330000f, INSN_FENCE, 0, 0, "fence.tso"),
	SYS(0x0000100f, INSN_FENCE_I, 0, 0, "fence.i"),
	/* hypervisor virtual-machine loads and stores */
	HLV(0x6005c573, A0, A1, 1, true, "hlv.b a0,(a1)"),
	HLV(0x6015c573, A0, A1, 1, false, "hlv.bu a0,(a1)"),
	HLV(0x6405c573, A0, A1, 2, true, "hlv.h a0,(a1)"),
	HLV(0x6415c573, A0, A1, 2, false, "hlv.hu a0,(a1)"),
	HLV(0x6805c573, A0, A1, 4, true, "hlv.w a0,(a1)"),
	HLV(0x6815c573, A0, A1, 4, false, "hlv.wu a0,(a1)"),
	HLV(0x6c05c573, A0, A1, 8, true, "hlv.d a0,(a1)"),
	HLV(0x6435c573, A0, A1, 2, false, "hlvx.hu a0,(a1)"),
	HLV(0x6835c573, A0, A1, 4, false, "hlvx.wu a0,(a1)"),
	HSV(0x62a5c073, A0, A1, 1, "hsv.b a0,(a1)"),
	HSV(0x66a5c073, A0, A1, 2, "hsv.h a0,(a1)"),
	HSV(0x6aa5c073, A0, A1, 4, "hsv.w a0,(a1)"),
	HSV(0x6ea5c073, A0, A1, 8, "hsv.d a0,(a1)"),
	/* compressed loads and stores: x8 + 3-bit fields, sp-relative forms, largest offsets */
	C_L(0x431c, INSN_LOAD, A5, A4, 4, 0, "lw a5,0(a4)"),
	C_L(0x5fe0, INSN_LOAD, S0, A5, 4, 124, "lw s0,124(a5)"),
	C_L(0x6588, INSN_LOAD, A0, A1, 8, 8, "ld a0,8(a1)"),
	C_L(0x7fe4, INSN_LOAD, S1, A5, 8, 248, "ld s1,248(a5)"),
	C_L(0x50fe, INSN_LOAD, RA, SP, 4, 252, "lw ra,252(sp)"),
	C_L(0x4502, INSN_LOAD, A0, SP, 4, 0, "lw a0,0(sp)"),
	C_L(0x747e, INSN_LOAD, S0, SP, 8, 504, "ld s0,504(sp)"),
	C_L(0x6522, INSN_LOAD, A0, SP, 8, 8, "ld a0,8(sp)"),
	C_S(0xc14c, INSN_STORE, A1, A0, 4, 4, "sw a1,4(a0)"),
	C_S(0xc224, INSN_STORE, S1, A2, 4, 64, "sw s1,64(a2)"),
	C_S(0xe50c, INSN_STORE, A1, A0, 8, 8, "sd a1,8(a0)"),
	C_S(0xfc7c, INSN_STORE, A5, S0, 8, 248, "sd a5,248(s0)"),
	C_S(0xdfae, INSN_STORE, A1, SP, 4, 252, "sw a1,252(sp)"),
	C_S(0xc002, INSN_STORE, ZERO, SP, 4, 0, "sw zero,0(sp)"),
	C_S(0xff86, INSN_STORE, RA, SP, 8, 504, "sd ra,504(sp)"),
	C_S(0xe42e, INSN_STORE, A1, SP, 8, 8, "sd a1,8(sp)"),
	C_L(0x2588, INSN_FP_LOAD, FA0, A1, 8, 8, "fld fa0,8(a1)"),
	C_L(0x3fe4, INSN_FP_LOAD, FS1, A5, 8, 248, "fld fs1,248(a5)"),
	C_L(0x2002, INSN_FP_LOAD, FT0, SP, 8, 0, "fld ft0,0(sp)"),
	C_L(0x3dfe, INSN_FP_LOAD, FS11, SP, 8, 504, "fld fs11,504(sp)"),
	C_S(0xa90c, INSN_FP_STORE, FA1, A0, 8, 16, "fsd fa1,16(a0)"),
	C_S(0xbfa2, INSN_FP_STORE, FS0, SP, 8, 504, "fsd fs0,504(sp)"),
	{ 0x9002, INSN_EBREAK, 2, 0, 0, 0, 0, false, 0, "ebreak" },
};

struct csr_case {
	uint32_t bits;
	uint16_t csr;
	uint8_t op;
	bool imm;
	uint8_t rd, rs1;
	const char *text;
};

static const struct csr_case csr_cases[] = {
	{ 0xf14025f3, 0xf14, CSR_OP_RS, false, A1, ZERO, "csrrs a1,mhartid,zero" },  /* csrr a1,mhartid */
	{ 0x140312f3, 0x140, CSR_OP_RW, false, T0, T1, "csrrw t0,sscratch,t1" },
	{ 0x10053073, 0x100, CSR_OP_RC, false, ZERO, A0, "csrrc zero,sstatus,a0" },
	{ 0x1002d073, 0x100, CSR_OP_RW, true, ZERO, 5, "csrrwi zero,sstatus,5" },   /* csrwi sstatus,5 */
	{ 0x104fe573, 0x104, CSR_OP_RS, true, A0, 31, "csrrsi a0,sie,31" },
	{ 0x7c00f5f3, 0x7c0, CSR_OP_RC, true, A1, 1, "csrrci a1,0x7c0,1" },
	{ 0x60051073, 0x600, CSR_OP_RW, false, ZERO, A0, "csrrw zero,hstatus,a0" },
	{ 0x28002573, 0x280, CSR_OP_RS, false, A0, ZERO, "csrrs a0,vsatp,zero" },
	{ 0xc0102573, 0xc01, CSR_OP_RS, false, A0, ZERO, "csrrs a0,time,zero" },
	{ 0x00302573, 0x003, CSR_OP_RS, false, A0, ZERO, "csrrs a0,fcsr,zero" },
};

/* Reserved, illegal or not-emulated encodings (objdump: .2byte/.4byte or another instruction). */
static const uint32_t bad_cases[] = {
	0x0000,       /* all-zero 16-bit word (c.unimp) */
	0x00000000,
	0xffffffff,   /* bits[6:0] = 1111111: > 32-bit encoding space */
	0x0000001f,   /* 48-bit prefix */
	0x4002,       /* c.lwsp with rd = 0 */
	0x6022,       /* c.ldsp with rd = 0 */
	0x8000,       /* quadrant 0, funct3 100 (reserved) */
	0x0505,       /* c.addi a0,1 */
	0x1015a52f,   /* lr.w with rs2 != 0 */
	0x2eb6252f,   /* AMO funct5 00101 (not in the A extension) */
	0x0005f503,   /* load funct3 111 (RV128 ldu) */
	0x00b5c023,   /* store funct3 100 (RV128 sq) */
	0x00b50533,   /* add a0,a0,a1 */
	0x00200073,   /* uret */
	0x62a5c0f3,   /* hsv.b with rd != 0 */
	0x6025c573,   /* hlv with rs2 = 2 */
	0x6c15c573,   /* "hlv.du" */
	0x12050173,   /* sfence.vma with rd != 0 */
	0x00058507,   /* vle8.v */
	0x00059507,   /* flh (Zfh) */
	0x0000200f,   /* cbo.inval (zero) */
};

static void check_insn(const struct insn *in, const struct dec_case *c)
{
	char buf[64];
	assert_int_equal(in->kind, c->kind);
	assert_int_equal(in->len, c->len);
	assert_int_equal(in->rd, c->rd);
	assert_int_equal(in->rs1, c->rs1);
	assert_int_equal(in->rs2, c->rs2);
	assert_int_equal(in->width, c->width);
	assert_int_equal(in->sign_extend, c->sign);
	assert_int_equal(in->imm, c->imm);
	assert_false(in->csr_imm);
	assert_string_equal(insn_format(in, buf, sizeof(buf)), c->text);
}

static void test_decode_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(dec_cases) / sizeof(dec_cases[0]); i++) {
		const struct dec_case *c = &dec_cases[i];
		struct insn in;
		print_message("  %08x %s\n", (unsigned)c->bits, c->text);
		assert_true(insn_decode(c->bits, &in));
		assert_int_equal(in.raw, c->bits);
		check_insn(&in, c);
	}
}

static void test_decode_csr(void **state)
{
	(void)state;
	char buf[64];
	for (size_t i = 0; i < sizeof(csr_cases) / sizeof(csr_cases[0]); i++) {
		const struct csr_case *c = &csr_cases[i];
		struct insn in;
		print_message("  %08x %s\n", (unsigned)c->bits, c->text);
		assert_true(insn_decode(c->bits, &in));
		assert_int_equal(in.kind, INSN_CSR);
		assert_int_equal(in.len, 4);
		assert_int_equal(in.csr, c->csr);
		assert_int_equal(in.csr_op, c->op);
		assert_int_equal(in.csr_imm, c->imm);
		assert_int_equal(in.rd, c->rd);
		assert_int_equal(in.rs1, c->rs1);
		assert_string_equal(insn_format(&in, buf, sizeof(buf)), c->text);
	}
}

static void test_decode_rejects(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct insn in;
		print_message("  %08x\n", (unsigned)bad_cases[i]);
		assert_false(insn_decode(bad_cases[i], &in));
		assert_int_equal(in.kind, INSN_UNKNOWN);
	}
}

/* A 16-bit instruction is decoded from the low half whatever the high half holds. */
static void test_compressed_ignores_high_half(void **state)
{
	(void)state;
	struct insn in;
	assert_true(insn_decode(0xdead431c, &in));   /* c.lw a5,0(a4) */
	assert_int_equal(in.raw, 0x431c);
	assert_int_equal(in.len, 2);
	assert_int_equal(in.kind, INSN_LOAD);
	assert_int_equal(in.rd, A5);
	assert_int_equal(in.rs1, A4);
	assert_int_equal(insn_length(0x431c), 2);
	assert_int_equal(insn_length(0x2783), 4);
}

/* htinst: transformed instruction = the 32-bit form with rs1 (address offset) and immediate zeroed,
 * bit 1 cleared when the trapping instruction was compressed. */
static const struct dec_case htinst_cases[] = {
	L4(0x00002783, A5, 0, 4, true, 0, "lw a5,0(zero)"),          /* lw a5,0(a4) */
	C_L(0x00002781, INSN_LOAD, A5, 0, 4, 0, "lw a5,0(zero)"),    /* c.lw a5,0(a4) */
	C_L(0x00002501, INSN_LOAD, A0, 0, 4, 0, "lw a0,0(zero)"),    /* c.lwsp a0,0(sp) */
	C_L(0x00003401, INSN_LOAD, S0, 0, 8, 0, "ld s0,0(zero)"),    /* c.ldsp s0,504(sp) */
	L4(0x00004603, A2, 0, 1, false, 0, "lbu a2,0(zero)"),        /* lbu a2,3(a3) */
	S4(0x00b03023, A1, 0, 8, 0, "sd a1,0(zero)"),                /* sd a1,8(sp) */
	C_S(0x00b03021, INSN_STORE, A1, 0, 8, 0, "sd a1,0(zero)"),   /* c.sdsp a1,8(sp) */
	C_S(0x00902021, INSN_STORE, S1, 0, 4, 0, "sw s1,0(zero)"),   /* c.sw s1,64(a2) */
	C_L(0x00003505, INSN_FP_LOAD, FA0, 0, 8, 0, "fld fa0,0(zero)"),   /* c.fld fa0,8(a1) */
	C_S(0x00803025, INSN_FP_STORE, FS0, 0, 8, 0, "fsd fs0,0(zero)"),  /* c.fsdsp fs0,504(sp) */
	HLV(0x68004573, A0, 0, 4, true, "hlv.w a0,(zero)"),
	HLV(0x64304373, T1, 0, 2, false, "hlvx.hu t1,(zero)"),
	HSV(0x6ea04073, A0, 0, 8, "hsv.d a0,(zero)"),
	AMO(0x06b0352f, A0, 0, A1, 8, "amoadd.d.aqrl a0,a1,(zero)"),
	AMO(0x1000252f, A0, 0, 0, 4, "lr.w a0,(zero)"),
	/* misaligned access: the rs1 field carries the address offset (3), reported in rs1 */
	L4(0x0001b503, A0, 3, 8, true, 0, "ld a0,0(gp)"),
};

static void test_htinst(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(htinst_cases) / sizeof(htinst_cases[0]); i++) {
		const struct dec_case *c = &htinst_cases[i];
		struct insn in;
		print_message("  htinst %08x %s\n", (unsigned)c->bits, c->text);
		assert_true(insn_decode_htinst(c->bits, &in));
		assert_int_equal(in.raw, c->bits);
		check_insn(&in, c);
	}
}

static void test_htinst_rejects(void **state)
{
	(void)state;
	static const uint32_t bad[] = {
		0x00000000,   /* no transformed instruction */
		0x00002000,   /* pseudo: 32-bit read for VS-stage translation */
		0x00003000,   /* pseudo: 64-bit read */
		0x00002020,   /* pseudo: 32-bit write */
		0x00003020,   /* pseudo: 64-bit write */
		0x00002782,   /* bits[1:0] = 10 */
		0xf14025f3,   /* csrr: not a memory access */
		0x00000073,   /* ecall */
		0x04003503,   /* ld a0,64(zero): immediate not zeroed */
		0x00b13423,   /* sd a1,8(sp): immediate not zeroed */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct insn in;
		print_message("  htinst %08x\n", (unsigned)bad[i]);
		assert_false(insn_decode_htinst(bad[i], &in));
		assert_int_equal(in.kind, INSN_UNKNOWN);
	}
}

static void test_reg_names(void **state)
{
	(void)state;
	assert_string_equal(insn_reg_name(0), "zero");
	assert_string_equal(insn_reg_name(1), "ra");
	assert_string_equal(insn_reg_name(2), "sp");
	assert_string_equal(insn_reg_name(8), "s0");
	assert_string_equal(insn_reg_name(10), "a0");
	assert_string_equal(insn_reg_name(17), "a7");
	assert_string_equal(insn_reg_name(18), "s2");
	assert_string_equal(insn_reg_name(27), "s11");
	assert_string_equal(insn_reg_name(28), "t3");
	assert_string_equal(insn_reg_name(31), "t6");
	assert_non_null(insn_reg_name(32));
}

/* CSR numbers from the privileged spec's CSR listing tables. */
static void test_csr_names(void **state)
{
	(void)state;
	static const struct { uint16_t num; const char *name; } names[] = {
		{ 0x100, "sstatus" }, { 0x104, "sie" }, { 0x105, "stvec" }, { 0x106, "scounteren" },
		{ 0x10a, "senvcfg" }, { 0x140, "sscratch" }, { 0x141, "sepc" }, { 0x142, "scause" },
		{ 0x143, "stval" }, { 0x144, "sip" }, { 0x180, "satp" }, { 0x14d, "stimecmp" },
		{ 0x600, "hstatus" }, { 0x602, "hedeleg" }, { 0x603, "hideleg" }, { 0x604, "hie" },
		{ 0x605, "htimedelta" }, { 0x606, "hcounteren" }, { 0x607, "hgeie" },
		{ 0x60a, "henvcfg" }, { 0x643, "htval" }, { 0x644, "hip" }, { 0x645, "hvip" },
		{ 0x64a, "htinst" }, { 0x680, "hgatp" }, { 0xe12, "hgeip" },
		{ 0x200, "vsstatus" }, { 0x204, "vsie" }, { 0x205, "vstvec" }, { 0x240, "vsscratch" },
		{ 0x241, "vsepc" }, { 0x242, "vscause" }, { 0x243, "vstval" }, { 0x244, "vsip" },
		{ 0x280, "vsatp" }, { 0x24d, "vstimecmp" },
		{ 0xc00, "cycle" }, { 0xc01, "time" }, { 0xc02, "instret" },
		{ 0xf11, "mvendorid" }, { 0xf12, "marchid" }, { 0xf13, "mimpid" }, { 0xf14, "mhartid" },
		{ 0x300, "mstatus" }, { 0x301, "misa" }, { 0x302, "medeleg" }, { 0x303, "mideleg" },
		{ 0x304, "mie" }, { 0x305, "mtvec" }, { 0x340, "mscratch" }, { 0x341, "mepc" },
		{ 0x342, "mcause" }, { 0x343, "mtval" }, { 0x344, "mip" },
		{ 0x001, "fflags" }, { 0x002, "frm" }, { 0x003, "fcsr" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *n = insn_csr_name(names[i].num);
		print_message("  %03x %s\n", names[i].num, names[i].name);
		assert_non_null(n);
		assert_string_equal(n, names[i].name);
	}
	assert_null(insn_csr_name(0x7c0));
	assert_null(insn_csr_name(0x000));
	assert_null(insn_csr_name(0xfff));
}

static void test_format_edges(void **state)
{
	(void)state;
	struct insn in;
	char buf[8];
	memset(buf, 'x', sizeof(buf));
	assert_true(insn_decode(0x04003503, &in));               /* ld a0,64(zero) */
	assert_ptr_equal(insn_format(&in, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "ld a0,6");                      /* truncated, terminated */
	assert_ptr_equal(insn_format(&in, buf, 0), buf);          /* no room: untouched */
	assert_false(insn_decode(0x00b50533, &in));               /* add: unknown */
	char big[32];
	assert_string_equal(insn_format(&in, big, sizeof(big)), "unknown 0x00b50533");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_decode_csr),
		cmocka_unit_test(test_decode_rejects),
		cmocka_unit_test(test_compressed_ignores_high_half),
		cmocka_unit_test(test_htinst),
		cmocka_unit_test(test_htinst_rejects),
		cmocka_unit_test(test_reg_names),
		cmocka_unit_test(test_csr_names),
		cmocka_unit_test(test_format_edges),
	};
	return cmocka_run_group_tests_name("insn", tests, NULL, NULL);
}
