/* gen.c: the fuzz guest's seeded instruction words and register values, and the filter that
 * keeps out words which would end or wedge the guest instead of testing the hypervisor. */
#include <stddef.h>
#include "arch/sbi_ids.h"
#include "lib/csr.h"
#include "fuzz/fuzz.h"

#define ARRAY_LEN(a)  (sizeof(a) / sizeof((a)[0]))
#define OP_SYSTEM     0x73
#define INSN_ECALL    0x00000073u
#define INSN_WFI      0x10500073u

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
	0x43, 0x47, 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, OP_SYSTEM, OP_SYSTEM, OP_SYSTEM, OP_SYSTEM,
};

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

void fuzz_gen_word(struct fuzz_rng *r, struct fuzz_word *w)
{
	uint64_t v = fuzz_rng_next(r);
	w->len = 4;
	switch (v & 3) {
	case 0:
	case 1:   /* 16-bit: any quadrant but 11 */
		w->len = 2;
		w->bits = (uint32_t)(v >> 16) & 0xffff;
		if ((w->bits & 3) == 3)
			w->bits &= ~(uint32_t)((v >> 40) & 1 ? 1 : 2);
		break;
	case 2:   /* 32-bit, fully random */
		w->bits = (uint32_t)(v >> 32) | 3;
		break;
	default: {  /* 32-bit with a defined major opcode */
		uint8_t op = valid_opcodes[(v >> 8) % ARRAY_LEN(valid_opcodes)];
		w->bits = op == OP_SYSTEM ? gen_system(r) : ((uint32_t)(v >> 32) & ~0x7fu) | op;
		break;
	}
	}
	w->wfi = w->len == 4 && w->bits == INSN_WFI;
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
	uint64_t v = fuzz_rng_next(r);
	run->x[17] = (v & 7) ? sbi_eids[(v >> 8) % ARRAY_LEN(sbi_eids)] : fuzz_rng_next(r) & 0xffffffff;
	run->x[16] = (v >> 16) & 3 ? (v >> 20) & 7 : fuzz_rng_next(r);
}

static long sext(uint64_t v, int bits)
{
	return (long)(v << (64 - bits)) >> (64 - bits);
}

static unsigned long reg(const struct fuzz_run *run, unsigned n)
{
	return n == 0 ? 0 : n == 31 ? run->t6_value : run->x[n];
}

/* Where a jump or branch word at pc goes (taken), or 0 when it is none. */
static unsigned long jump_target(const struct fuzz_word *w, const struct fuzz_run *run, unsigned long pc)
{
	uint32_t b = w->bits;
	if (w->len == 4) {
		switch (b & 0x7f) {
		case 0x63:   /* branch */
			return pc + sext(((b >> 31) & 1) << 12 | ((b >> 7) & 1) << 11 | ((b >> 25) & 0x3f) << 5 |
					 ((b >> 8) & 0xf) << 1, 13);
		case 0x6f:   /* jal */
			return pc + sext(((b >> 31) & 1) << 20 | ((b >> 12) & 0xff) << 12 | ((b >> 20) & 1) << 11 |
					 ((b >> 21) & 0x3ff) << 1, 21);
		case 0x67:   /* jalr */
			return (reg(run, (b >> 15) & 31) + sext(b >> 20, 12)) & ~1UL;
		default:
			return 0;
		}
	}
	unsigned quadrant = b & 3, funct3 = (b >> 13) & 7;
	if (quadrant == 1 && funct3 == 5)   /* c.j */
		return pc + sext(((b >> 12) & 1) << 11 | ((b >> 11) & 1) << 4 | ((b >> 9) & 3) << 8 |
				 ((b >> 8) & 1) << 10 | ((b >> 7) & 1) << 6 | ((b >> 6) & 1) << 7 |
				 ((b >> 3) & 7) << 1 | ((b >> 2) & 1) << 5, 12);
	if (quadrant == 1 && funct3 >= 6)   /* c.beqz, c.bnez */
		return pc + sext(((b >> 12) & 1) << 8 | ((b >> 10) & 3) << 3 | ((b >> 5) & 3) << 6 |
				 ((b >> 3) & 3) << 1 | ((b >> 2) & 1) << 5, 9);
	if (quadrant == 2 && funct3 == 4 && ((b >> 2) & 31) == 0 && ((b >> 7) & 31) != 0)   /* c.jr, c.jalr */
		return reg(run, (b >> 7) & 31);
	return 0;
}

static bool sbi_call_ends_guest(unsigned long eid, unsigned long fid)
{
	switch (eid) {
	case SBI_EXT_LEGACY_SHUTDOWN:
	case SBI_EXT_SRST:
	case SBI_EXT_LEGACY_PUTCHAR:      /* prints: the console belongs to the test */
		return true;
	case SBI_EXT_HSM:
		return fid == SBI_HSM_HART_STOP || fid == SBI_HSM_HART_SUSPEND;
	case SBI_EXT_DBCN:
		return fid == SBI_DBCN_WRITE || fid == SBI_DBCN_WRITE_BYTE;
	default:
		return false;
	}
}

enum fuzz_filter fuzz_filter_word(const struct fuzz_word *w, const struct fuzz_run *run,
				  enum fuzz_mode mode, unsigned long pc)
{
	uint32_t b = w->bits;
	unsigned long target = jump_target(w, run, pc);
	/* onto itself or its prologue: it would run again and again */
	if (target && target >= pc - FUZZ_WORD_OFF && target < pc + w->len)
		return FILTER_LOOP;
	if (mode != FUZZ_VS || w->len != 4 || (b & 0x7f) != OP_SYSTEM)
		return FILTER_NONE;   /* in VU-mode every CSR and ecall traps to the guest's own kernel */
	if (b == INSN_ECALL)
		return sbi_call_ends_guest(run->x[17], run->x[16]) ? FILTER_SBI : FILTER_NONE;
	unsigned funct3 = (b >> 12) & 7, csr = b >> 20, rs1 = (b >> 15) & 31;
	bool writes = (funct3 & 3) == 1 || rs1 != 0;
	if ((funct3 & 3) && writes && (csr == CSR_SATP || csr == CSR_STVEC))
		return FILTER_CSR;
	return FILTER_NONE;
}
