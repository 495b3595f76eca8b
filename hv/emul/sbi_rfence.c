/* sbi_rfence.c: the SBI RFENCE extension (RFNC): remote fence.i and sfence.vma on the VM's vCPUs. */
#include "emul/sbi.h"

static enum sbi_outcome sbi_rfence_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
					  const unsigned long *args, struct sbiret *ret)
{
	unsigned long mask;

	(void)eid;
	/* hfence.* (fids 3..6) are only for guests with the H extension, which ours lack */
	if (fid > SBI_RFENCE_SFENCE_VMA_ASID)
		return sbi_fail(ret, SBI_ERR_NOT_SUPPORTED);
	if (!sbi_hart_mask_valid(v->vm, args[0], args[1], &mask))
		return sbi_fail(ret, SBI_ERR_INVALID_PARAM);
	if (mask == 0)
		return SBI_RESUME;
	if (fid == SBI_RFENCE_FENCE_I) {
		sbi_host_fence_i(v->vm, mask);
		return SBI_RESUME;
	}
	sbi_fence_vvma_range(v->vm, args[2], args[3],
			     fid == SBI_RFENCE_SFENCE_VMA_ASID ? (long)args[4] : -1);
	return SBI_RESUME;
}

const struct sbi_extension sbi_ext_rfence = {
	.eid_start = SBI_EXT_RFENCE,
	.eid_end = SBI_EXT_RFENCE,
	.name = "rfence",
	.handle = sbi_rfence_handle,
	.legacy = false,
};
