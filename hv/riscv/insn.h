/* insn.h: decoding of the RV64GC instructions the hypervisor emulates (portable). */
#ifndef HV_RISCV_INSN_H
#define HV_RISCV_INSN_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

enum insn_kind {
	INSN_UNKNOWN = 0,
	INSN_LOAD,        /* integer load: lb lh lw ld lbu lhu lwu, c.lw c.ld c.lwsp c.ldsp */
	INSN_STORE,       /* integer store: sb sh sw sd, c.sw c.sd c.swsp c.sdsp */
	INSN_FP_LOAD,     /* flw fld c.fld c.fldsp */
	INSN_FP_STORE,    /* fsw fsd c.fsd c.fsdsp */
	INSN_AMO,         /* lr/sc/amo*.w/.d */
	INSN_CSR,         /* csrrw csrrs csrrc csrrwi csrrsi csrrci */
	INSN_ECALL,
	INSN_EBREAK,
	INSN_SRET,
	INSN_MRET,
	INSN_WFI,
	INSN_SFENCE_VMA,
	INSN_HFENCE_VVMA,
	INSN_HFENCE_GVMA,
	INSN_HLV,         /* hlv.* and hlvx.* */
	INSN_HSV,         /* hsv.* */
	INSN_FENCE,
	INSN_FENCE_I,
};

enum csr_op { CSR_OP_RW = 1, CSR_OP_RS = 2, CSR_OP_RC = 3 };

struct insn {
	enum insn_kind kind;
	uint32_t raw;        /* the instruction bits (16-bit ones in the low half) */
	uint8_t len;         /* 2 or 4 bytes */
	uint8_t rd, rs1, rs2;
	uint8_t width;       /* bytes accessed by loads, stores, AMOs, hlv/hsv: 1, 2, 4 or 8 */
	bool sign_extend;    /* loads: sign- (true) or zero-extend (false) */
	int64_t imm;         /* load/store offset */
	uint16_t csr;        /* CSR instructions: the CSR number */
	uint8_t csr_op;      /* enum csr_op */
	bool csr_imm;        /* csrr*i: rs1 field is a 5-bit immediate (held in rs1) */
};

/* Decodes bits (a 32-bit instruction, or a 16-bit one in the low half when bits[1:0] != 3).
 * Returns true and fills *out when the instruction is one of insn_kind's; false (kind UNKNOWN) else. */
bool insn_decode(uint32_t bits, struct insn *out);

/* Decodes htinst from a guest-page fault: a transformed load/store/AMO/hlv/hsv, where bits[1:0] == 01
 * means the trapping instruction was 16 bits long. Returns false for 0 and pseudo-instructions. */
bool insn_decode_htinst(uint32_t htinst, struct insn *out);

/* Length in bytes (2 or 4) of the instruction whose low 16 bits are given. */
static inline int insn_length(uint16_t low) { return (low & 3) == 3 ? 4 : 2; }

/* Disassembles into buf ("ld a0,64(zero)", "csrrs a1,mhartid,zero", "ecall"); returns buf. */
const char *insn_format(const struct insn *in, char *buf, size_t len);

/* ABI name of integer register n ("zero", "ra", ..., "t6"). */
const char *insn_reg_name(unsigned n);

/* Name of a CSR ("mhartid", "sstatus", ...) or NULL when unknown. */
const char *insn_csr_name(uint16_t csr);

#endif
