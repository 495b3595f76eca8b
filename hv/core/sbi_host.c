/* sbi_host.c: what the SBI server needs from the rest of the hypervisor (see emul/sbi.h). */
#include "arch/csr.h"
#include "arch/guest_access.h"
#include "arch/trap.h"
#include "arch/vcpu_arch.h"
#include "core/console.h"
#include "core/err.h"
#include "core/vcpu_irq.h"
#include "core/vtimer.h"
#include "emul/sbi.h"

void sbi_host_console_write(struct vm *vm, const char *buf, size_t len)
{
	(void)vm;
	for (size_t i = 0; i < len; i++)
		console_putc(buf[i]);
}

int sbi_host_console_getchar(struct vm *vm)
{
	(void)vm;
	return console_getc();
}

void sbi_host_set_timer(struct vcpu *v, uint64_t stime)
{
	vtimer_set(v, stime);
}

void sbi_host_raise_vsip(struct vcpu *target, uint64_t bits)
{
	vcpu_raise_vs_irq(target, bits);
}

void sbi_host_clear_vsip(struct vcpu *target, uint64_t bits)
{
	vcpu_clear_vs_irq(target, bits);
}

void sbi_host_start_vcpu(struct vcpu *target, uint64_t start_addr, uint64_t opaque)
{
	vcpu_arch_reset(target, start_addr, opaque);
	target->state = VCPU_RUNNABLE;
	vtimer_ensure_slice();   /* the caller may spin waiting for it: share the hart */
}

void sbi_host_fence_vvma(struct vm *vm, uint64_t start, uint64_t size, long asid)
{
	/* the VM's VMID is in hgatp while its exit is handled; a full flush is always correct */
	(void)vm; (void)start; (void)size; (void)asid;
	hfence_vvma_all();
}

void sbi_host_fence_gvma(struct vm *vm, uint64_t start, uint64_t size)
{
	(void)start; (void)size;
	hfence_gvma_vmid(vm->gstage.vmid);
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
	trap_fixup_fired = 0;
	if (guest_load_u64(gva, &out) || trap_fixup_fired)
		return HV_EFAULT;
	*value = out;
	return HV_OK;
}
