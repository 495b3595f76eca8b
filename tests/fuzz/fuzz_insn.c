/* fuzz_insn.c: libFuzzer target for the instruction decoder and disassembler (insn_decode, insn_decode_htinst, insn_format).
 * fuzz-sources: hv/riscv/insn.c hv/riscv/insn_format.c
 * Input: up to 64 little-endian 32-bit words, each decoded as an instruction and as an htinst value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "riscv/insn.h"
#include "fuzz_check.h"

static bool fuzz_kind_has_width(enum insn_kind k)
{
	return k == INSN_LOAD || k == INSN_STORE || k == INSN_FP_LOAD || k == INSN_FP_STORE ||
	       k == INSN_AMO || k == INSN_HLV || k == INSN_HSV;
}

/* Short buffers and a full line: the text must always be NUL-terminated inside len. */
static void fuzz_check_format(const struct insn *in)
{
	static const size_t lens[] = { 0, 1, 2, 5, 9, 80 };
	char buf[80];

	for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		size_t len = lens[k];
		memset(buf, 'X', sizeof(buf));
		const char *s = insn_format(in, buf, len);
		FUZZ_CHECK(s == buf);
		if (len == 0)
			continue;
		FUZZ_CHECK(memchr(buf, 0, len) != NULL);
		FUZZ_CHECK(len == sizeof(buf) || buf[len] == 'X');   /* nothing written past len */
	}
}

static void fuzz_check_decoded(uint32_t bits, const struct insn *in, bool ok)
{
	if (!ok) {
		FUZZ_CHECK(in->kind == INSN_UNKNOWN);
		return;
	}
	FUZZ_CHECK(in->kind != INSN_UNKNOWN);
	FUZZ_CHECK(in->len == 2 || in->len == 4);
	FUZZ_CHECK(in->len == insn_length((uint16_t)bits));
	FUZZ_CHECK(in->rd < 32 && in->rs1 < 32 && in->rs2 < 32);
	if (fuzz_kind_has_width(in->kind))
		FUZZ_CHECK(in->width == 1 || in->width == 2 || in->width == 4 || in->width == 8);
	if (in->kind == INSN_CSR)
		FUZZ_CHECK(in->csr_op >= CSR_OP_RW && in->csr_op <= CSR_OP_RC && in->csr < 4096);
	if (in->len == 2) {
		/* a 16-bit instruction is the low half only: the high half must not change the result */
		struct insn low;
		FUZZ_CHECK(insn_decode(bits & 0xffff, &low));
		FUZZ_CHECK(memcmp(&low, in, sizeof(low)) == 0);
	}
}

#define FUZZ_INSN_MAX_WORDS 64   /* longer inputs only slow the fuzzer down: each word stands alone */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i + 4 <= size && i < 4 * FUZZ_INSN_MAX_WORDS; i += 4) {
		uint32_t bits;
		struct insn in;

		memcpy(&bits, data + i, 4);
		bool ok = insn_decode(bits, &in);
		fuzz_check_decoded(bits, &in, ok);
		fuzz_check_format(&in);

		ok = insn_decode_htinst(bits, &in);
		if (ok) {
			FUZZ_CHECK(in.raw == bits && (in.len == 2 || in.len == 4));
			FUZZ_CHECK(fuzz_kind_has_width(in.kind) && in.imm == 0);
		} else {
			FUZZ_CHECK(in.kind == INSN_UNKNOWN);
		}
		fuzz_check_format(&in);
		FUZZ_CHECK(insn_reg_name(bits & 0x3f) != NULL);
		const char *csr = insn_csr_name((uint16_t)(bits >> 20));
		FUZZ_CHECK(!csr || strlen(csr) > 0);
	}
	return 0;
}
