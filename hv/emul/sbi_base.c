/* sbi_base.c: the SBI Base extension (0x10): spec and implementation versions, extension probing, machine ids. */
#include "emul/sbi.h"

static long sbi_base_value(unsigned long fid, unsigned long arg)
{
	switch (fid) {
	case SBI_BASE_GET_SPEC_VERSION:
	case SBI_BASE_GET_IMPL_ID:
	case SBI_BASE_GET_IMPL_VERSION:
		return sbi_base_constant(fid);
	case SBI_BASE_PROBE_EXT:
		return sbi_find_extension(arg) != NULL;
	default:   /* mvendorid, marchid, mimpid */
		return sbi_host_machine_id(fid);
	}
}

static enum sbi_outcome sbi_base_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
					const unsigned long *args, struct sbiret *ret)
{
	(void)v;
	(void)eid;
	if (fid > SBI_BASE_GET_MIMPID)
		return sbi_fail(ret, SBI_ERR_NOT_SUPPORTED);
	ret->error = SBI_SUCCESS;
	ret->value = sbi_base_value(fid, args[0]);
	return SBI_RESUME;
}

const struct sbi_extension sbi_ext_base = {
	.eid_start = SBI_EXT_BASE,
	.eid_end = SBI_EXT_BASE,
	.name = "base",
	.handle = sbi_base_handle,
	.legacy = false,
};
