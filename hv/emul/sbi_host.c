/* sbi_host.c: what the SBI server needs from the rest of the hypervisor (see emul/sbi.h). */
#include "riscv/csr.h"
#include "riscv/guest_access.h"
#include "arch/trap.h"
#include "arch/vcpu_arch.h"
#include "vm/console.h"
#include "base/err.h"
#include "arch/vtimer.h"
#include "emul/sbi.h"

void sbi_host_console_write(struct vm *vm, const char *buf, size_t len)
{
	console_vm_write(vm, buf, len);
}

int sbi_host_console_getchar(struct vm *vm)
{
	return console_vm_getc(vm);
}

void sbi_host_set_timer(struct vcpu *v, uint64_t stime)
{
	vtimer_set(v, stime);
}

/* Another vCPU's interrupt lines, or the caller's own: through the request word, which the owner
 * applies before it enters that vCPU (the caller's before its ecall returns). */
void sbi_host_raise_vsip(struct vcpu *target, uint64_t bits)
{
	vcpu_request_irq(&target->req, bits, true);
}

void sbi_host_clear_vsip(struct vcpu *target, uint64_t bits)
{
	vcpu_request_irq(&target->req, bits, false);
}

void sbi_host_start_vcpu(struct vcpu *target, uint64_t start_addr, uint64_t opaque)
{
	/* a STOPPED vCPU runs nowhere, so its saved state is free to reset */
	vcpu_arch_reset(target, start_addr, opaque);
	vcpu_request_timer(&target->req);
	target->state = VCPU_RUNNABLE;
	vtimer_ensure_slice();   /* the caller may spin waiting for it: share the hart */
}

/* Every vCPU of the VM fences where it runs, before it next enters its guest (the caller: before
 * its ecall returns). Once a vCPU leaves a hart its translations there are flushed on its next
 * load anyway; the request covers the vCPU wherever it is. */
void sbi_host_fence_vvma(struct vm *vm, uint64_t start, uint64_t size, long asid)
{
	for (int i = 0; i < vm->nvcpus; i++)
		vcpu_request_sfence_vma(&vm->vcpu[i].req, asid, start, size);
}

void sbi_host_fence_i(struct vm *vm, unsigned long vcpu_mask)
{
	for (int i = 0; i < vm->nvcpus; i++)
		if (vcpu_mask & (1UL << i))
			vcpu_request_fence_i(&vm->vcpu[i].req);
}

void sbi_host_fence_gvma(struct vm *vm, uint64_t start, uint64_t size)
{
	(void)start; (void)size;
	for (int i = 0; i < vm->nvcpus; i++)
		vcpu_request_hfence_gvma(&vm->vcpu[i].req);
}

long sbi_host_machine_id(unsigned long fid)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, fid, 0, 0, 0);
	return r.error ? 0 : r.value;
}

int sbi_host_read_guest_ulong(struct vcpu *v, uint64_t gva, unsigned long *value)
{
	uint64_t out;
	vcpu_arch_access_as_guest(v);
	trap_fixup_arm();
	if (guest_load_u64(gva, &out) || trap_fixup_cause())
		return HV_EFAULT;
	*value = out;
	return HV_OK;
}
