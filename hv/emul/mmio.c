/* mmio.c: guest-page faults: find the emulated device at the faulting guest-physical address
 * (or let it map memory there, for passthrough), decode the access (htinst, else the instruction at sepc) and perform it on the device.
 * A fault of the guest's own page-table walk is not an access to emulate: it stops the VM. */
#include "riscv/csr.h"
#include "arch/inject.h"
#include "emul/emulate.h"
#include "emul/mmio.h"
#include "riscv/insn.h"
#include "trace/trace.h"

static uint64_t extend(uint64_t value, int width, bool sign)
{
	if (width >= 8)
		return value;
	int shift = 64 - 8 * width;
	return sign ? (uint64_t)((int64_t)(value << shift) >> shift) : (value << shift) >> shift;
}

/* The access decoded into *in: htinst's transformed instruction, else the instruction at sepc.
 * Decoding is a function of the bits alone and a guest polling a device repeats one instruction,
 * so the last instruction decoded from sepc is kept and returned when the same bits come again.
 * NULL when nothing decodes (in->raw then holds the bits, if any were read). */
static const struct insn *decode_access(struct vcpu *v, struct insn *in)
{
	static _Thread_local struct insn last;
	if (v->htinst && insn_decode_htinst((uint32_t)v->htinst, in)) {
		/* htinst zeroes rs1 and the offset; only a readable trace wants the real instruction */
		uint32_t bits;
		if (v->vm->trace_level >= TRACE_EXITS && vcpu_fetch_insn(v, &bits))
			in->raw = bits;
		return in;
	}
	uint32_t bits;
	if (!vcpu_fetch_insn(v, &bits))
		return NULL;
	if (last.len && last.raw == bits)
		return &last;
	if (!insn_decode(bits, in))
		return NULL;
	last = *in;
	return &last;
}

/* An access an emulated device does not support (an AMO or LR/SC, an FP load or store, a misaligned
 * access, a width or offset the device refuses, one running past its end) is what a bus error is on
 * real hardware: an access fault for the guest (load 5, store/AMO 7, stval = its address), which
 * it may handle; the VM goes on. */
static enum exit_result mmio_inject_access_fault(struct vcpu *v, const struct insn *in, struct exit_info *info)
{
	/* QEMU reports an AMO to an unmapped page as a load guest-page fault (it reads first); the
	 * architecture says store/AMO for every AMO and SC, load only for LR (funct5 00010) */
	bool load = in->kind == INSN_AMO ? in->raw >> 27 == 0x02 : v->scause == CAUSE_LOAD_GUEST_PAGE_FAULT;
	return vcpu_inject_exception(v, load ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, v->stval, info);
}

static enum exit_result do_access(struct vcpu *v, struct mmio_device *dev, gpa_t gpa,
				  const struct insn *in, struct exit_info *info)
{
	uint64_t offset = gpa - dev->base, value;
	if (in->width == 0 || offset + in->width > dev->size || (gpa & (in->width - 1)))
		return mmio_inject_access_fault(v, in, info);
	if (in->kind == INSN_LOAD) {
		if (!dev->read || dev->read(dev, offset, in->width, &value))
			return mmio_inject_access_fault(v, in, info);
		value = extend(value, in->width, in->sign_extend);
		if (in->rd)
			v->x[in->rd] = value;
		info->rd = in->rd;
	} else {
		value = extend(v->x[in->rs2], in->width, false);
		if (!dev->write || dev->write(dev, offset, in->width, value))
			return mmio_inject_access_fault(v, in, info);
	}
	v->sepc += in->len;
	info->action = ACT_EMULATED;
	info->value = value;
	return EXIT_CONTINUE;
}

/* Does the guest's walk of its tables (vsatp) for stval read a PTE outside RAM? */
static __attribute__((noinline)) bool vs_walk_leaves_ram(struct vcpu *v, uint64_t vsatp)
{
	uint64_t mode = vsatp >> SATP_MODE_SHIFT;
	int levels = mode == SATP_MODE_SV39 ? 3 : mode == SATP_MODE_SV48 ? 4 : mode == SATP_MODE_SV57 ? 5 : 0;
	gpa_t table = (vsatp & SATP_PPN_MASK) << 12;
	for (int level = levels - 1; level >= 0; level--) {
		gpa_t pte_gpa = table + ((v->stval >> (12 + 9 * level)) & 0x1ff) * 8;
		if (!vm_gpa_in_ram(v->vm, pte_gpa, 8))
			return true;
		uint64_t pte = *(volatile uint64_t *)vm_gpa_to_host(v->vm, pte_gpa);
		if (!(pte & PTE_V) || (pte & (PTE_R | PTE_X)))
			return false;            /* invalid or a leaf: the walk read only RAM */
		table = ((pte >> PTE_PPN_SHIFT) & SATP_PPN_MASK) << 12;
	}
	return false;
}

/* Is the fault at gpa the hart's own read of a VS-stage page-table entry (an implicit access for
 * translating stval) rather than the instruction's access? Then there is nothing to emulate: the
 * instruction never reached gpa. htinst says so with a pseudoinstruction (bit 0 clear); QEMU 7.2
 * leaves htinst 0, so then walk the guest's tables: a PTE outside RAM is where the walk stopped. */
static inline bool fault_in_vs_walk(struct vcpu *v)
{
	if (v->htinst)
		return (v->htinst & 1) == 0;
	uint64_t vsatp = csr_read(CSR_VSATP);
	return vsatp >> SATP_MODE_SHIFT != SATP_MODE_BARE && vs_walk_leaves_ram(v, vsatp);
}

/* No device at gpa: a fatal error naming the instruction, if it can be read. */
static __attribute__((noinline)) enum exit_result mmio_no_device(struct vcpu *v, struct exit_info *info, gpa_t gpa,
								  struct insn *in)
{
	char text[48] = "?";
	uint32_t bits;
	if (!in->raw && vcpu_fetch_insn(v, &bits))
		insn_decode(bits, in);
	if (in->raw)
		insn_format(in, text, sizeof(text));
	info->insn = in->raw;
	return vm_fatal(v, info, "no RAM or device at guest-physical 0x%lx (guest-virtual 0x%lx) for %s",
			(unsigned long)gpa, (unsigned long)v->stval, text);
}

enum exit_result mmio_handle_guest_fault(struct vcpu *v, struct exit_info *info)
{
	gpa_t gpa = ((v->htval << 2) & ~0xfffUL) | (v->stval & 0xfff);
	if (v->scause == CAUSE_FETCH_GUEST_PAGE_FAULT)
		return vm_fatal(v, info, "instruction fetch from guest-physical 0x%lx, which is not RAM",
				(unsigned long)gpa);
	if (fault_in_vs_walk(v))
		return vm_fatal(v, info, "the guest's page-table walk for guest-virtual 0x%lx reads guest-physical "
				"0x%lx, which is not RAM", (unsigned long)v->stval, (unsigned long)gpa);
	struct mmio_device *dev = vm_find_mmio(v->vm, gpa);
	if (dev && dev->map_on_fault && dev->map_on_fault(dev, gpa)) {
		info->action = ACT_MAPPED;
		info->value = gpa;
		return EXIT_CONTINUE;
	}
	struct insn scratch;       /* decode_access fills it; raw says whether bits were read */
	scratch.raw = 0;
	const struct insn *in = decode_access(v, &scratch);
	info->insn = in ? in->raw : scratch.raw;
	if (!dev)
		return mmio_no_device(v, info, gpa, &scratch);
	if (!in)
		return vm_fatal(v, info, "cannot decode the instruction accessing device %s", dev->name);
	bool load_fault = v->scause == CAUSE_LOAD_GUEST_PAGE_FAULT;
	if ((load_fault && in->kind != INSN_LOAD) || (!load_fault && in->kind != INSN_STORE))
		return mmio_inject_access_fault(v, in, info);
	return do_access(v, dev, gpa, in, info);
}
