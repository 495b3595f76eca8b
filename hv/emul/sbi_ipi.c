/* sbi_ipi.c: the SBI IPI extension (sPI): send_ipi raises a VS software interrupt on the named vCPUs. */
#include "emul/sbi.h"

static enum sbi_outcome sbi_ipi_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
				       const unsigned long *args, struct sbiret *ret)
{
	unsigned long mask;

	(void)eid;
	if (fid != SBI_IPI_SEND)
		return sbi_fail(ret, SBI_ERR_NOT_SUPPORTED);
	if (!sbi_hart_mask_valid(v->vm, args[0], args[1], &mask))
		return sbi_fail(ret, SBI_ERR_INVALID_PARAM);
	sbi_send_vssip(v->vm, mask);
	return SBI_RESUME;
}

const struct sbi_extension sbi_ext_ipi = {
	.eid_start = SBI_EXT_IPI,
	.eid_end = SBI_EXT_IPI,
	.name = "ipi",
	.handle = sbi_ipi_handle,
	.legacy = false,
};
