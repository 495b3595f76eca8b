/* sbi.c: the SBI server's entry: finds the extension for a VS-mode ecall, returns a0/a1, checks hart masks. */
#include "emul/sbi.h"
#include "riscv/csr.h"

#define ULONG_BITS (sizeof(unsigned long) * 8)

/* Every extension the server implements; sbi_find_extension searches them in order, the most
 * called first (their ranges do not overlap). */
static const struct sbi_extension *const sbi_extensions[] = {
	&sbi_ext_time, &sbi_ext_base, &sbi_ext_ipi, &sbi_ext_rfence, &sbi_ext_dbcn,
	&sbi_ext_legacy, &sbi_ext_hsm, &sbi_ext_srst,
};

const struct sbi_extension *sbi_find_extension(unsigned long eid)
{
	for (size_t i = 0; i < ARRAY_SIZE(sbi_extensions); i++)
		if (eid >= sbi_extensions[i]->eid_start && eid <= sbi_extensions[i]->eid_end)
			return sbi_extensions[i];
	return NULL;
}

static void sbi_write_result(struct vcpu *v, const struct sbi_extension *ext, const struct sbiret *ret)
{
	v->x[10] = (uint64_t)ret->error;
	if (!ext || !ext->legacy)
		v->x[11] = (uint64_t)ret->value;
}

enum sbi_outcome sbi_handle_ecall(struct vcpu *v)
{
	unsigned long eid = v->x[17], fid = v->x[16];
	const unsigned long *args = &v->x[10];   /* a0..a5, read before the result overwrites a0/a1 */
	struct sbiret ret = { SBI_SUCCESS, 0 };
	enum sbi_outcome out = SBI_RESUME;

	const struct sbi_extension *ext = sbi_find_extension(eid);
	if (ext)
		out = ext->handle(v, eid, fid, args, &ret);
	else
		ret.error = SBI_ERR_NOT_SUPPORTED;
	/* a call that stops the caller never returns: its registers stay as they were (for the exit report) */
	if (out == SBI_RESUME)
		sbi_write_result(v, ext, &ret);
	v->sepc += 4;   /* always: a vCPU restarted later must not repeat the ecall */
	return out;
}

void sbi_handle_fast(struct vcpu *v)
{
	unsigned long eid = v->x[17], fid = v->x[16], a0 = v->x[10];

	v->x[10] = SBI_SUCCESS;
	v->x[11] = eid == SBI_EXT_BASE ? (uint64_t)sbi_base_constant(fid) : 0;
	v->sepc += 4;
	if (eid == SBI_EXT_TIME)
		sbi_host_set_timer(v, a0);   /* last: a tail call, so the BASE answers need no stack frame */
}

static unsigned long sbi_all_vcpus(const struct vm *vm)
{
	if (vm->nvcpus <= 0)
		return 0;
	if ((unsigned long)vm->nvcpus >= ULONG_BITS)
		return ~0UL;
	return (1UL << vm->nvcpus) - 1;
}

bool sbi_hart_mask_valid(const struct vm *vm, unsigned long hart_mask, unsigned long hart_mask_base,
			 unsigned long *mask_out)
{
	unsigned long all = sbi_all_vcpus(vm), dummy;

	if (!mask_out)
		mask_out = &dummy;
	*mask_out = 0;
	if (hart_mask_base == -1UL) {
		*mask_out = all;
		return true;
	}
	if (hart_mask == 0)
		return true;
	if (hart_mask_base >= ULONG_BITS || !((all >> hart_mask_base) & 1))
		return false;   /* the base itself names no vCPU */
	if (hart_mask & ~(all >> hart_mask_base))
		return false;   /* some bit names a hart beyond the last vCPU */
	*mask_out = hart_mask << hart_mask_base;
	return true;
}

enum sbi_outcome sbi_fail(struct sbiret *ret, long error)
{
	ret->error = error;
	ret->value = 0;
	return SBI_RESUME;
}

void sbi_send_vssip(struct vm *vm, unsigned long vcpu_mask)
{
	for (int i = 0; i < vm->nvcpus && i < VM_MAX_VCPUS; i++)
		if (vcpu_mask & (1UL << i))
			sbi_host_raise_vsip(&vm->vcpu[i], MIP_VSSIP);
}

void sbi_fence_vvma_range(struct vm *vm, unsigned long start, unsigned long size, long asid)
{
	if ((start == 0 && size == 0) || size == -1UL || start + size < start) {
		start = 0;
		size = -1UL;
	} else if (size == 0) {
		return;   /* an empty range: nothing to fence */
	}
	sbi_host_fence_vvma(vm, start, size, asid);
}
