/* sbi_srst.c: the SBI System Reset extension (SRST): shutdown or reboot of the calling VM only. */
#include "emul/sbi.h"

#define SBI_SRST_SYSTEM_RESET      0
#define SBI_SRST_TYPE_VENDOR_FIRST 0xF0000000UL   /* 0xF0000000-0xFFFFFFFF: vendor/platform types */
#define SBI_SRST_REASON_RSVD_LAST  0xDFFFFFFFUL   /* 2-0xDFFFFFFF: reserved reasons */
#define SBI_SRST_U32_MAX           0xFFFFFFFFUL   /* both parameters are 32 bits; above is reserved */
#define SBI_SRST_REASON_FAILURE    1

static bool sbi_srst_type_reserved(unsigned long type)
{
	return type > SBI_SRST_U32_MAX ||
	       (type > SBI_SRST_WARM_REBOOT && type < SBI_SRST_TYPE_VENDOR_FIRST);
}

static bool sbi_srst_reason_reserved(unsigned long reason)
{
	return reason > SBI_SRST_U32_MAX ||
	       (reason > SBI_SRST_REASON_FAILURE && reason <= SBI_SRST_REASON_RSVD_LAST);
}

static enum sbi_outcome sbi_srst_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
					const unsigned long *args, struct sbiret *ret)
{
	(void)eid;
	if (fid != SBI_SRST_SYSTEM_RESET)
		return sbi_fail(ret, SBI_ERR_NOT_SUPPORTED);
	/* SBI 2.0: a type that is "platform-specific and unimplemented" (all vendor types here) is
	 * INVALID_PARAM like a reserved one; NOT_SUPPORTED is for implemented types lacking a dependency */
	if (sbi_srst_type_reserved(args[0]) || sbi_srst_reason_reserved(args[1]) || args[0] > SBI_SRST_WARM_REBOOT)
		return sbi_fail(ret, SBI_ERR_INVALID_PARAM);
	v->vm->stop_reason = args[0] == SBI_SRST_SHUTDOWN ? VM_STOP_SHUTDOWN : VM_STOP_REBOOT;
	return SBI_STOP_VM;
}

const struct sbi_extension sbi_ext_srst = {
	.eid_start = SBI_EXT_SRST,
	.eid_end = SBI_EXT_SRST,
	.name = "srst",
	.handle = sbi_srst_handle,
	.legacy = false,
};
