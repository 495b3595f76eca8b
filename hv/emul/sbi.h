/* sbi.h: the SBI server guests call with ecall from VS-mode (one extension per sbi_*.c file).
 * The extensions are portable: what they need from the machine goes through the sbi_host_* hooks
 * below, which hv/core implements and the unit tests fake. */
#ifndef HV_EMUL_SBI_H
#define HV_EMUL_SBI_H
#include "vm/vm.h"
#include "riscv/sbi_call.h"

#define SBI_SPEC_VERSION     ((2UL << 24) | 0)    /* SBI 2.0 */
#define SBI_IMPL_ID          0x48525456UL          /* "HRTV" */
#define SBI_IMPL_VERSION     0x00000100UL

/* What the run loop does after an SBI call */
enum sbi_outcome {
	SBI_RESUME = 0,     /* a0 (and a1) set, sepc advanced: resume the caller */
	SBI_STOP_VCPU,      /* the caller stopped itself (HSM hart_stop) */
	SBI_STOP_VM,        /* the VM shut down or asked to reboot (vm->stop_reason says which) */
};

struct sbi_extension {
	unsigned long eid_start, eid_end;     /* inclusive range of extension ids */
	const char *name;
	/* Serves one call: fid in a6, arguments in a0..a5; sets ret. */
	enum sbi_outcome (*handle)(struct vcpu *v, unsigned long eid, unsigned long fid,
				   const unsigned long *args, struct sbiret *ret);
	bool legacy;                          /* v0.1: only a0 is returned */
};

extern const struct sbi_extension sbi_ext_base, sbi_ext_legacy, sbi_ext_time, sbi_ext_srst,
	sbi_ext_dbcn, sbi_ext_hsm, sbi_ext_rfence, sbi_ext_ipi;

/* The ecall from VS-mode: looks up a7, calls the extension, writes a0/a1, advances sepc. */
enum sbi_outcome sbi_handle_ecall(struct vcpu *v);
/* The hottest calls, answered without the extension table: BASE's constant queries (spec version,
 * implementation id and version) and TIME set_timer. sbi_is_fast(v) says whether v's call is one;
 * sbi_handle_fast(v) then serves it with sbi_handle_ecall's results (a0/a1, sepc past the ecall). */
static inline bool sbi_is_fast(const struct vcpu *v)
{
	unsigned long eid = v->x[17], fid = v->x[16];
	return (eid == SBI_EXT_BASE && fid <= SBI_BASE_GET_IMPL_VERSION) ||
	       (eid == SBI_EXT_TIME && fid == SBI_TIME_SET_TIMER);
}
void sbi_handle_fast(struct vcpu *v);
/* BASE's constant answers, for fid SBI_BASE_GET_SPEC_VERSION .. SBI_BASE_GET_IMPL_VERSION. */
static inline long sbi_base_constant(unsigned long fid)
{
	return fid == SBI_BASE_GET_SPEC_VERSION ? (long)SBI_SPEC_VERSION :
	       fid == SBI_BASE_GET_IMPL_ID ? (long)SBI_IMPL_ID : (long)SBI_IMPL_VERSION;
}
/* The extension serving eid, or NULL (then the caller gets SBI_ERR_NOT_SUPPORTED). */
const struct sbi_extension *sbi_find_extension(unsigned long eid);

/* true when every hart named by (hart_mask, hart_mask_base) is one of the VM's vCPUs;
 * base == -1UL means all of them. *mask_out gets the vCPU bitmap. */
bool sbi_hart_mask_valid(const struct vm *vm, unsigned long hart_mask, unsigned long hart_mask_base,
			 unsigned long *mask_out);

/* ---- shared by the extensions (sbi.c) ----
 * A legacy (v0.1) handler puts the value for a0 in ret->error; sbi_handle_ecall writes only a0. */
/* Sets ret->error = error and returns SBI_RESUME: the tail of every failing call. */
enum sbi_outcome sbi_fail(struct sbiret *ret, long error);
/* Raises VSSIP on every vCPU of the VM whose bit is set in vcpu_mask (bit i = vCPU i). */
void sbi_send_vssip(struct vm *vm, unsigned long vcpu_mask);
/* Fences the VM's guest-virtual translations over [start, start+size) for asid (-1 = all ASIDs).
 * start 0 with size 0, size -1UL, or a range that wraps means everything (start 0, size -1UL);
 * any other size 0 is an empty range and fences nothing. */
void sbi_fence_vvma_range(struct vm *vm, unsigned long start, unsigned long size, long asid);

/* ---- hooks into the rest of the hypervisor (hv/core implements; unit tests fake) ---- */
void sbi_host_console_write(struct vm *vm, const char *buf, size_t len);
/* A byte typed on the console for this VM, or -1. */
int sbi_host_console_getchar(struct vm *vm);
/* Programs the vCPU's timer to fire at guest time stime (clears the pending timer interrupt). */
void sbi_host_set_timer(struct vcpu *v, uint64_t stime);
/* Marks VS interrupt bits (MIP_VSSIP...) pending/cleared on a vCPU of the VM. */
void sbi_host_raise_vsip(struct vcpu *target, uint64_t bits);
void sbi_host_clear_vsip(struct vcpu *target, uint64_t bits);
/* Makes a stopped vCPU runnable at start_addr with a0 = hart id, a1 = opaque. */
void sbi_host_start_vcpu(struct vcpu *target, uint64_t start_addr, uint64_t opaque);
/* fence.i on the VM's vCPUs named in vcpu_mask (bit i = vCPU i), each where it runs. */
void sbi_host_fence_i(struct vm *vm, unsigned long vcpu_mask);
/* hfence.vvma / hfence.gvma for this VM over [start, start+size) (size -1UL = everything). */
void sbi_host_fence_vvma(struct vm *vm, uint64_t start, uint64_t size, long asid);
void sbi_host_fence_gvma(struct vm *vm, uint64_t start, uint64_t size);
/* mvendorid, marchid, mimpid of the host (from OpenSBI). */
long sbi_host_machine_id(unsigned long fid);
/* Reads a 64-bit value at a guest-virtual address as the guest would (legacy hart masks). */
int sbi_host_read_guest_ulong(struct vcpu *v, uint64_t gva, unsigned long *value);

#endif
