/* emulate.c: illegal- and virtual-instruction exits: WFI, emulated CSR reads, else an illegal
 * instruction for the guest (cause 2, never 22). */
#include "riscv/csr.h"
#include "riscv/guest_access.h"
#include "arch/trap.h"
#include "arch/vcpu_arch.h"
#include "arch/inject.h"
#include "emul/emulate.h"
#include "riscv/insn.h"

bool vcpu_fetch_insn(struct vcpu *v, uint32_t *bits)
{
	vcpu_arch_access_as_guest(v);
	trap_fixup_arm();
	if ((v->sepc & 3) == 0) {   /* one read: an aligned word cannot cross into another page */
		long word = guest_fetch_u32(v->sepc);
		if (trap_fixup_cause())
			return false;
		*bits = insn_length((uint16_t)word) == 4 ? (uint32_t)word : (uint32_t)word & 0xffff;
		return true;
	}
	long lo = guest_fetch_u16(v->sepc);
	if (trap_fixup_cause())
		return false;
	*bits = (uint32_t)lo & 0xffff;
	if (insn_length((uint16_t)lo) == 4) {
		long hi = guest_fetch_u16(v->sepc + 2);
		if (trap_fixup_cause())
			return false;
		*bits |= ((uint32_t)hi & 0xffff) << 16;
	}
	return true;
}

/* The instruction read from the guest at sepc, not stval: QEMU 7.2 leaves a stale stval (the last
 * illegal instruction M-mode saw) on virtual-instruction traps of hlv/hsv, which would both leak
 * firmware state to the guest and emulate the wrong instruction. stval only when the read fails. */
static bool trapped_insn(struct vcpu *v, uint32_t *bits)
{
	if (vcpu_fetch_insn(v, bits))
		return true;
	if (!v->stval)
		return false;
	*bits = (uint32_t)v->stval;
	return true;
}

static enum exit_result emulate_wfi(struct vcpu *v, struct exit_info *info)
{
	v->sepc += 4;
	info->action = ACT_IDLE;
	if (vcpu_arch_pending_enabled(v))
		return EXIT_CONTINUE;
	v->state = VCPU_IDLE;
	return EXIT_IDLE;
}

/* Reads of the CSRs the VM description emulates; a write to one is illegal (they are read-only),
 * and so is a read from VU-mode of a CSR above user level (address bits 9:8 give its privilege). */
static bool emulate_csr(struct vcpu *v, const struct insn *in, struct exit_info *info)
{
	uint64_t value;
	bool writes = in->csr_op == CSR_OP_RW || in->rs1 != 0;
	bool from_vu = !(v->sstatus & SSTATUS_SPP);
	if (writes || (from_vu && CSR_PRIVILEGE(in->csr) > 0) || !vm_csr_emulated(v->vm, in->csr, &value))
		return false;
	if (in->rd)
		v->x[in->rd] = value;
	v->sepc += in->len;
	info->action = ACT_EMULATED;
	info->rd = in->rd;
	info->value = value;
	return true;
}

enum exit_result emulate_trapped_insn(struct vcpu *v, struct exit_info *info)
{
	uint32_t bits;
	struct insn in;
	if (!trapped_insn(v, &bits))
		return vm_fatal(v, info, "cannot fetch the trapping instruction");
	info->insn = bits;
	if (insn_decode(bits, &in)) {
		/* only VS-mode's wfi idles: from VU-mode it is illegal (it could otherwise idle forever) */
		if (in.kind == INSN_WFI && (v->sstatus & SSTATUS_SPP))
			return emulate_wfi(v, info);
		if (in.kind == INSN_CSR && emulate_csr(v, &in, info))
			return EXIT_CONTINUE;
	}
	return vcpu_inject_exception(v, CAUSE_ILLEGAL_INSTRUCTION, bits, info);
}
