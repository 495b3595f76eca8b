/* fake_sbi_host.c: recording fakes of every sbi_host_* hook, so the SBI extensions run on the host. */
#include <string.h>
#include "fake_sbi_host.h"
#include "base/err.h"

struct fake_sbi_host fake;

void fake_sbi_host_reset(void)
{
	memset(&fake, 0, sizeof(fake));
}

int fake_raised_on(const struct vcpu *target)
{
	int n = 0;

	for (int i = 0; i < fake.raise_calls && i < FAKE_MAX_CALLS; i++)
		n += fake.raised[i].target == target;
	return n;
}

void sbi_host_console_write(struct vm *vm, const char *buf, size_t len)
{
	(void)vm;
	fake.write_calls++;
	for (size_t i = 0; i < len && fake.out_len < FAKE_CONSOLE_SZ; i++)
		fake.out[fake.out_len++] = buf[i];
}

int sbi_host_console_getchar(struct vm *vm)
{
	(void)vm;
	fake.getchar_calls++;
	if (!fake.in || !fake.in[fake.in_pos])
		return -1;
	return (unsigned char)fake.in[fake.in_pos++];
}

void sbi_host_set_timer(struct vcpu *v, uint64_t stime)
{
	fake.timer_calls++;
	fake.timer_vcpu = v;
	fake.timer_value = stime;
}

static void fake_record(struct fake_vsip_call *log, int *count, struct vcpu *target, uint64_t bits)
{
	if (*count < FAKE_MAX_CALLS)
		log[*count] = (struct fake_vsip_call){ target, bits };
	(*count)++;
}

void sbi_host_raise_vsip(struct vcpu *target, uint64_t bits)
{
	fake_record(fake.raised, &fake.raise_calls, target, bits);
}

void sbi_host_clear_vsip(struct vcpu *target, uint64_t bits)
{
	fake_record(fake.cleared, &fake.clear_calls, target, bits);
}

/* Does what the real hook promises: the vCPU becomes runnable at start_addr, a0 = id, a1 = opaque. */
void sbi_host_start_vcpu(struct vcpu *target, uint64_t start_addr, uint64_t opaque)
{
	fake.start_calls++;
	fake.start_target = target;
	fake.start_addr = start_addr;
	fake.start_opaque = opaque;
	target->state = VCPU_RUNNABLE;
	target->sepc = start_addr;
	target->x[10] = (uint64_t)target->id;
	target->x[11] = opaque;
}

void sbi_host_fence_vvma(struct vm *vm, uint64_t start, uint64_t size, long asid)
{
	fake.vvma_calls++;
	fake.vvma_vm = vm;
	fake.vvma_start = start;
	fake.vvma_size = size;
	fake.vvma_asid = asid;
}

void sbi_host_fence_i(struct vm *vm, unsigned long vcpu_mask)
{
	(void)vm;
	fake.fence_i_calls++;
	fake.fence_i_mask = vcpu_mask;
}

void sbi_host_fence_gvma(struct vm *vm, uint64_t start, uint64_t size)
{
	(void)vm;
	(void)start;
	(void)size;
	fake.gvma_calls++;
}

long sbi_host_machine_id(unsigned long fid)
{
	fake.machine_id_calls++;
	fake.machine_id_fid = fid;
	return FAKE_MACHINE_ID_BASE + (long)fid;
}

int sbi_host_read_guest_ulong(struct vcpu *v, uint64_t gva, unsigned long *value)
{
	fake.read_calls++;
	fake.read_gva = gva;
	if (fake.read_fail || !vm_gpa_in_ram(v->vm, gva, sizeof(*value)))
		return HV_EFAULT;
	memcpy(value, vm_gpa_to_host(v->vm, gva), sizeof(*value));
	return HV_OK;
}
