/* sbi_legacy.c: the SBI v0.1 legacy extensions (eids 0x00-0x08, the eid is the function); only a0 is returned. */
#include "emul/sbi.h"
#include "riscv/csr.h"

/* The vCPU bitmap named by the legacy hart mask pointer (a guest-virtual address; 0 = all harts).
 * Harts that the VM does not have are dropped, as v0.1 did. */
static bool sbi_legacy_mask(struct vcpu *v, unsigned long gva, unsigned long *mask)
{
	unsigned long all, guest_mask;

	sbi_hart_mask_valid(v->vm, 0, -1UL, &all);
	if (gva == 0) {
		*mask = all;
		return true;
	}
	if (sbi_host_read_guest_ulong(v, gva, &guest_mask) != 0)
		return false;
	*mask = guest_mask & all;
	return true;
}

/* send_ipi, remote_fence_i, remote_sfence_vma(_asid): (hart mask pointer, start, size, asid). */
static long sbi_legacy_remote(struct vcpu *v, unsigned long eid, const unsigned long *args)
{
	unsigned long mask;

	if (!sbi_legacy_mask(v, args[0], &mask))
		return SBI_ERR_INVALID_ADDRESS;
	if (eid == SBI_LEGACY_SEND_IPI)
		sbi_send_vssip(v->vm, mask);
	else if (eid == SBI_LEGACY_REMOTE_FENCE_I)
		sbi_host_fence_i(v->vm, mask);
	else if (mask)
		sbi_fence_vvma_range(v->vm, args[1], args[2],
				     eid == SBI_LEGACY_REMOTE_SFENCE_VMA_ASID ? (long)args[3] : -1);
	return SBI_SUCCESS;
}

static long sbi_legacy_console_putchar(struct vm *vm, unsigned long ch)
{
	char byte = (char)(ch & 0xff);

	sbi_host_console_write(vm, &byte, 1);
	return SBI_SUCCESS;
}

static long sbi_legacy_a0(struct vcpu *v, unsigned long eid, const unsigned long *args)
{
	switch (eid) {
	case SBI_EXT_LEGACY_SET_TIMER:
		sbi_host_set_timer(v, args[0]);
		return SBI_SUCCESS;
	case SBI_EXT_LEGACY_PUTCHAR:
		return sbi_legacy_console_putchar(v->vm, args[0]);
	case SBI_EXT_LEGACY_GETCHAR:
		return sbi_host_console_getchar(v->vm);
	case SBI_LEGACY_CLEAR_IPI:
		sbi_host_clear_vsip(v, MIP_VSSIP);
		return SBI_SUCCESS;
	default:   /* 0x4-0x7 */
		return sbi_legacy_remote(v, eid, args);
	}
}

static enum sbi_outcome sbi_legacy_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
					  const unsigned long *args, struct sbiret *ret)
{
	(void)fid;   /* a6 is ignored by the legacy calling convention */
	ret->value = 0;
	if (eid == SBI_EXT_LEGACY_SHUTDOWN) {
		v->vm->stop_reason = VM_STOP_SHUTDOWN;
		ret->error = SBI_SUCCESS;
		return SBI_STOP_VM;
	}
	ret->error = sbi_legacy_a0(v, eid, args);   /* legacy: a0 carries ret->error only */
	return SBI_RESUME;
}

const struct sbi_extension sbi_ext_legacy = {
	.eid_start = SBI_EXT_LEGACY_SET_TIMER,
	.eid_end = SBI_EXT_LEGACY_SHUTDOWN,
	.name = "legacy",
	.handle = sbi_legacy_handle,
	.legacy = true,
};
