/* gen.c: the fuzz guest's seeded blocks of instruction words and register values, and the filter
 * that keeps out words which would leave the block, end or wedge the guest, or make a replay differ. */
#include <stddef.h>
#include "riscv/sbi_ids.h"
#include "lib/csr.h"
#include "fuzz/fuzz.h"

#define ARRAY_LEN(a)  (sizeof(a) / sizeof((a)[0]))
#define OP_SYSTEM     0x73
#define INSN_ECALL    0x00000073u
#define INSN_WFI      0x10500073u
#define INSN_SRET     0x10200073u
#define INSN_EBREAK   0x00100073u
#define REG_A6        16
#define REG_A7        17

uint64_t fuzz_rng_next(struct fuzz_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Major opcodes with defined instructions in RV64GC+H; SYSTEM weighs more (it is what exits). */
static const uint8_t valid_opcodes[] = {
	0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b,
	0x43, 0x47, 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, OP_SYSTEM, OP_SYSTEM, OP_SYSTEM,
};

/* funct7 of the OP-FP instructions RV64GC defines (S and D formats), and AMO funct5 values */
static const uint8_t fp_funct7[] = { 0x00, 0x01, 0x04, 0x05, 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x11, 0x14,
				     0x15, 0x20, 0x21, 0x2c, 0x2d, 0x50, 0x51, 0x60, 0x61, 0x68, 0x69,
				     0x70, 0x71, 0x78, 0x79 };
static const uint8_t amo_funct5[] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x08, 0x0c, 0x10, 0x14, 0x18, 0x1c };

/* CSRs of every privilege a guest might touch: S, VS, H, M, user counters, FP, entropy. */
static const uint16_t csr_numbers[] = {
	0x100, 0x104, 0x105, 0x106, 0x10a, 0x140, 0x141, 0x142, 0x143, 0x144, 0x14d, 0x180,
	0x200, 0x204, 0x205, 0x240, 0x241, 0x242, 0x243, 0x244, 0x24d, 0x280,
	0x600, 0x602, 0x603, 0x604, 0x605, 0x606, 0x607, 0x60a, 0x615, 0x643, 0x644, 0x645,
	0x64a, 0x680, 0xe12,
	0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x30a, 0x340, 0x341, 0x342, 0x343, 0x344,
	0x3a0, 0x3b0, 0x7a0, 0xf11, 0xf12, 0xf13, 0xf14,
	0x001, 0x002, 0x003, 0x015, 0xc00, 0xc01, 0xc02, 0xc03, 0xc80,
};

/* ecall, ebreak, sret, mret, wfi, dret, then the fences (rs1/rs2 filled in at random). */
static const uint32_t system_fixed[] = { 0x00000073, 0x00100073, 0x10200073, 0x30200073, INSN_WFI,
					 0x7b200073, 0x18000073, 0x18100073 };
static const uint32_t system_fences[] = { 0x12000073, 0x16000073, 0x22000073, 0x26000073,
					  0x62000073, 0x66000073 };

static const unsigned long sbi_eids[] = {
	SBI_EXT_LEGACY_SET_TIMER, SBI_EXT_LEGACY_PUTCHAR, SBI_EXT_LEGACY_GETCHAR, SBI_LEGACY_CLEAR_IPI,
	SBI_LEGACY_SEND_IPI, SBI_LEGACY_REMOTE_FENCE_I, SBI_LEGACY_REMOTE_SFENCE_VMA,
	SBI_LEGACY_REMOTE_SFENCE_VMA_ASID, SBI_EXT_LEGACY_SHUTDOWN, SBI_EXT_BASE, SBI_EXT_TIME,
	SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN,
};

static uint32_t gen_system(struct fuzz_rng *r)
{
	uint64_t v = fuzz_rng_next(r);
	uint32_t rd = (v >> 8) & 31, rs1 = (v >> 13) & 31, rs2 = (v >> 18) & 31;
	switch (v & 7) {
	case 5:
		if ((v >> 23) & 1)
			return system_fixed[(v >> 24) % ARRAY_LEN(system_fixed)];
		return system_fences[(v >> 24) % ARRAY_LEN(system_fences)] | rs1 << 15 | rs2 << 20;
	case 6: {   /* hlv, hlvx, hsv: funct7 0x30..0x37, rs2 picks the width's variant */
		uint32_t funct7 = 0x30 + ((v >> 24) & 7);
		return funct7 << 25 | ((v >> 28) & 3) << 20 | rs1 << 15 | 4u << 12 | rd << 7 | OP_SYSTEM;
	}
	case 7:
		return (uint32_t)(v >> 32) << 7 | OP_SYSTEM;
	default: {  /* a CSR instruction (funct3 1-3, 5-7) */
		static const uint8_t funct3[] = { 1, 2, 3, 5, 6, 7 };
		uint32_t csr = (v >> 24) & 3 ? csr_numbers[(v >> 26) % ARRAY_LEN(csr_numbers)]
					     : (uint32_t)(v >> 40) & 0xfff;
		return csr << 20 | rs1 << 15 | (uint32_t)funct3[(v >> 52) % 6] << 12 | rd << 7 | OP_SYSTEM;
	}
	}
}

/* Random fields under a defined major opcode, mostly made legal: an illegal word costs an exit
 * (~20 us or more of wall time), and the SYSTEM words and the fully random ones bring plenty. */
static uint32_t gen_major(struct fuzz_rng *r, uint8_t op)
{
	uint64_t v = fuzz_rng_next(r);
	uint32_t b = ((uint32_t)v & ~0x7fu) | op;
	uint32_t pick = (uint32_t)(v >> 32);
	if ((pick & 15) == 0)
		return b;                                     /* left as drawn: often illegal */
	switch (op) {
	case 0x33: case 0x3b: {                               /* OP, OP-32: base and M, funct3 to match */
		static const uint8_t op32_funct3[3][5] = { { 0, 1, 5, 0, 1 }, { 0, 5, 0, 5, 0 }, { 0, 4, 5, 6, 7 } };
		unsigned kind = (pick >> 3) % 3, funct3 = (b >> 12) & 7;
		if (op == 0x3b || kind == 1)
			funct3 = op32_funct3[kind][(pick >> 5) % 5];
		b = (b & ~(7u << 12)) | funct3 << 12;
		return (b & 0x01ffffffu) | (uint32_t)(kind == 0 ? 0x00 : kind == 1 ? 0x20 : 0x01) << 25;
	}
	case 0x1b:                                            /* OP-IMM-32: addiw, slliw, srliw/sraiw */
		b &= ~(7u << 12);
		b |= (uint32_t)((pick >> 3) % 3 == 0 ? 0 : (pick >> 3) % 3 == 1 ? 1 : 5) << 12;
		return ((b >> 12) & 7) ? (b & 0x01ffffffu) | ((pick >> 6) & 1 ? 0x20u << 25 : 0) : b;
	case 0x23:                                            /* STORE: sb sh sw sd */
		return b & ~(4u << 12);
	case 0x07: case 0x27:                                 /* FP load/store: W and D */
		return (b & ~(7u << 12)) | (2u + ((pick >> 3) & 1)) << 12;
	case 0x2f:                                            /* AMO: W and D */
		b = (b & ~(7u << 12)) | (2u + ((pick >> 3) & 1)) << 12;
		return (b & 0x07ffffffu) | (uint32_t)amo_funct5[(pick >> 4) % ARRAY_LEN(amo_funct5)] << 27;
	case 0x53:                                            /* OP-FP, funct3 (often rm) 0..2 */
		b = (b & ~(7u << 12)) | (uint32_t)((pick >> 9) % 3) << 12;
		return (b & 0x01ffffffu) | (uint32_t)fp_funct7[(pick >> 3) % ARRAY_LEN(fp_funct7)] << 25;
	case 0x43: case 0x47: case 0x4b: case 0x4f:           /* fused multiply-add: S and D, rm 0..3 */
		return b & ~(2u << 25) & ~(4u << 12);
	case 0x0f:                                            /* fence, fence.i */
		return b & ~(6u << 12);
	default:
		return b;
	}
}

/* One random word: 16-bit, fully random 32-bit (mostly illegal), or 32-bit with a defined major
 * opcode. */
static void gen_word(struct fuzz_rng *r, uint32_t *bits, unsigned *len)
{
	uint64_t v = fuzz_rng_next(r);
	*len = 4;
	switch (v & 31) {
	case 0 ... 13:                                        /* 16-bit: any quadrant but 11 */
		*len = 2;
		*bits = (uint32_t)(v >> 16) & 0xffff;
		if ((*bits & 3) == 3)
			*bits &= ~(uint32_t)((v >> 40) & 1 ? 1 : 2);
		break;
	case 14:
		*bits = (uint32_t)(v >> 32) | 3;
		break;
	default: {
		uint8_t op = valid_opcodes[(v >> 8) % ARRAY_LEN(valid_opcodes)];
		*bits = op == OP_SYSTEM ? gen_system(r) : gen_major(r, op);
		break;
	}
	}
}

static unsigned long reg_value(struct fuzz_rng *r, unsigned long data)
{
	uint64_t v = fuzz_rng_next(r);
	unsigned long off = (v >> 8) % FUZZ_PAGE;
	switch (v & 7) {
	case 0: case 1: case 2:
		return data + (off & ~7UL);                          /* aligned, in the data page */
	case 3:
		return data + off;                                    /* maybe misaligned */
	case 4: case 5:
		return fuzz_rng_next(r);
	case 6:
		return (unsigned long)((long)((v >> 8) & 31) - 16);   /* small numbers */
	default:
		return data + off - FUZZ_PAGE / 2;                      /* straddling its start */
	}
}

void fuzz_gen_regs(struct fuzz_rng *r, enum fuzz_mode mode, struct fuzz_run *run)
{
	unsigned long data = (unsigned long)(mode == FUZZ_VS ? fuzz_pages.s_data : fuzz_pages.u_data);
	for (int i = 1; i < 32; i++)
		run->x[i] = reg_value(r, data);
	run->t6_value = run->x[31];
	run->x[31] = 0;
}

static bool is_jump(uint32_t b, unsigned len)
{
	if (len == 4) {
		unsigned op = b & 0x7f;
		return op == 0x63 || op == 0x67 || op == 0x6f;
	}
	unsigned quadrant = b & 3, funct3 = (b >> 13) & 7;
	if (quadrant == 1)
		return funct3 == 5 || funct3 >= 6;             /* c.j, c.beqz, c.bnez */
	return quadrant == 2 && funct3 == 4 && ((b >> 2) & 31) == 0 && ((b >> 7) & 31) != 0;   /* c.jr, c.jalr */
}

/* Counters, time and entropy read differently on every run; stimecmp is the time too. */
static bool csr_nondeterministic(unsigned csr)
{
	return (csr >= 0xc00 && csr <= 0xc1f) || (csr >= 0xc80 && csr <= 0xc9f) || csr == 0x015 ||
	       csr == CSR_STIMECMP;
}

static enum fuzz_filter filter_word(uint32_t b, unsigned len, enum fuzz_mode mode)
{
	if (is_jump(b, len))
		return FILTER_JUMP;
	if (len != 4 || (b & 0x7f) != OP_SYSTEM)
		return FILTER_NONE;
	if (mode == FUZZ_VS && b == INSN_SRET)
		return FILTER_SRET;
	if (mode == FUZZ_VS && b == INSN_WFI)
		return FILTER_WFI;
	unsigned funct3 = (b >> 12) & 7, csr = b >> 20, rs1 = (b >> 15) & 31, rd = (b >> 7) & 31;
	if ((funct3 & 3) == 0)
		return FILTER_NONE;
	bool writes = (funct3 & 3) == 1 || rs1 != 0, reads = (funct3 & 3) != 1 || rd != 0;
	if (csr_nondeterministic(csr) && (reads || csr == CSR_STIMECMP))
		return FILTER_NONDET;
	if (mode == FUZZ_VS && writes && (csr == CSR_SATP || csr == CSR_STVEC))
		return FILTER_CSR;
	/* even a read: it would hand the block the context page's address for its random stores */
	if (mode == FUZZ_VS && csr == CSR_SSCRATCH)
		return FILTER_CSR;
	return FILTER_NONE;
}

static bool sbi_call_ends_guest(unsigned long eid, unsigned long fid)
{
	switch (eid) {
	case SBI_EXT_LEGACY_SHUTDOWN:
	case SBI_EXT_SRST:
	case SBI_EXT_LEGACY_PUTCHAR:      /* prints: the console belongs to the test */
	case SBI_EXT_LEGACY_SET_TIMER:    /* a timer interrupt comes when it comes: no replay */
	case SBI_EXT_TIME:
		return true;
	case SBI_EXT_HSM:
		return fid == SBI_HSM_HART_STOP || fid == SBI_HSM_HART_SUSPEND;
	case SBI_EXT_DBCN:
		return fid == SBI_DBCN_WRITE || fid == SBI_DBCN_WRITE_BYTE;
	default:
		return false;
	}
}

static void put32(uint16_t *page, unsigned *pos, uint32_t bits)
{
	page[*pos / 2] = bits & 0xffff;
	page[*pos / 2 + 1] = bits >> 16;
	*pos += 4;
}

/* lui a7, addiw a7, addi a6, ecall: an SBI call whose a0..a5 are whatever the block left there. */
static void put_sbi_call(struct fuzz_rng *r, uint16_t *page, unsigned *pos)
{
	long eid, fid;
	do {
		uint64_t v = fuzz_rng_next(r);
		eid = (v & 7) ? (long)sbi_eids[(v >> 8) % ARRAY_LEN(sbi_eids)] : (long)(int32_t)(v >> 32);
		fid = (v >> 16) & 3 ? (long)((v >> 20) & 7) : (long)((int32_t)(v >> 20) << 20 >> 20);
	} while (sbi_call_ends_guest((unsigned long)eid, (unsigned long)fid));
	uint32_t hi = (uint32_t)((eid + 0x800) >> 12) & 0xfffff;
	int32_t lo = (int32_t)(eid - (long)(int32_t)(hi << 12));
	put32(page, pos, hi << 12 | REG_A7 << 7 | 0x37);                                         /* lui */
	put32(page, pos, ((uint32_t)lo & 0xfff) << 20 | REG_A7 << 15 | REG_A7 << 7 | 0x1b);      /* addiw */
	put32(page, pos, ((uint32_t)fid & 0xfff) << 20 | REG_A6 << 7 | 0x13);                    /* addi a6, zero */
	put32(page, pos, INSN_ECALL);
}

unsigned fuzz_gen_block(struct fuzz_rng *r, enum fuzz_mode mode, uint16_t *page, unsigned max_words,
			struct fuzz_block *b)
{
	unsigned pos = 0, limit = FUZZ_PAGE - 4;   /* room for the final ebreak */
	b->words = 0;
	b->sbi_calls = 0;
	while (b->words < max_words) {
		uint32_t bits;
		unsigned len;
		for (;;) {
			gen_word(r, &bits, &len);
			enum fuzz_filter why = filter_word(bits, len, mode);
			if (why == FILTER_NONE)
				break;
			b->filtered[why]++;
		}
		if (mode == FUZZ_VS && len == 4 && bits == INSN_ECALL) {
			if (pos + 16 > limit || b->words + 4 > max_words)
				break;
			for (int i = 0; i < 4; i++)
				b->offset[b->words++] = (uint16_t)(pos + 4 * i);
			put_sbi_call(r, page, &pos);
			b->sbi_calls++;
			continue;
		}
		if (pos + len > limit)
			break;
		b->offset[b->words++] = (uint16_t)pos;
		if (len == 2)
			page[pos / 2] = (uint16_t)bits;
		else
			put32(page, &pos, bits), pos -= 4;
		pos += len;
	}
	unsigned end = pos;
	put32(page, &pos, INSN_EBREAK);
	return end;
}
