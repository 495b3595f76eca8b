/* sbi_hsm.c: the SBI Hart State Management extension (HSM): start, stop and query the VM's vCPUs. */
#include "emul/sbi.h"

/* The vCPU with guest hart id hartid, or NULL when the VM has none. */
static struct vcpu *sbi_hsm_vcpu(struct vm *vm, unsigned long hartid)
{
	if (hartid >= (unsigned long)vm->nvcpus || hartid >= VM_MAX_VCPUS)
		return NULL;
	return &vm->vcpu[hartid];
}

static enum sbi_outcome sbi_hsm_start(struct vm *vm, const unsigned long *args, struct sbiret *ret)
{
	struct vcpu *target = sbi_hsm_vcpu(vm, args[0]);

	if (!target)
		return sbi_fail(ret, SBI_ERR_INVALID_PARAM);
	if (target->state != VCPU_STOPPED)
		return sbi_fail(ret, SBI_ERR_ALREADY_AVAILABLE);
	/* an odd address is no instruction address (sepc[0] is always 0): the hart would start elsewhere */
	if ((args[1] & 1) || !vm_gpa_in_ram(vm, args[1], 1))
		return sbi_fail(ret, SBI_ERR_INVALID_ADDRESS);
	sbi_host_start_vcpu(target, args[1], args[2]);
	return SBI_RESUME;
}

static enum sbi_outcome sbi_hsm_status(struct vm *vm, unsigned long hartid, struct sbiret *ret)
{
	struct vcpu *target = sbi_hsm_vcpu(vm, hartid);

	if (!target)
		return sbi_fail(ret, SBI_ERR_INVALID_PARAM);
	ret->value = target->state == VCPU_STOPPED ? SBI_HSM_STATE_STOPPED : SBI_HSM_STATE_STARTED;
	return SBI_RESUME;
}

static enum sbi_outcome sbi_hsm_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
				       const unsigned long *args, struct sbiret *ret)
{
	(void)eid;
	switch (fid) {
	case SBI_HSM_HART_START:
		return sbi_hsm_start(v->vm, args, ret);
	case SBI_HSM_HART_STOP:
		v->state = VCPU_STOPPED;
		return SBI_STOP_VCPU;
	case SBI_HSM_HART_GET_STATUS:
		return sbi_hsm_status(v->vm, args[0], ret);
	default:   /* hart_suspend is not offered */
		return sbi_fail(ret, SBI_ERR_NOT_SUPPORTED);
	}
}

const struct sbi_extension sbi_ext_hsm = {
	.eid_start = SBI_EXT_HSM,
	.eid_end = SBI_EXT_HSM,
	.name = "hsm",
	.handle = sbi_hsm_handle,
	.legacy = false,
};
