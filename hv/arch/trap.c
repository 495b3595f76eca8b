/* trap.c: traps taken by the hypervisor itself: fixups for guest-memory accesses, else a dump and power-off. */
#include <stdio.h>
#include <string.h>
#include "riscv/csr.h"
#include "arch/this_hart.h"
#include "arch/trap_frame.h"
#include "arch/trap.h"
#include "riscv/fixup.h"
#include "riscv/sbi_call.h"
#include "base/log.h"
#include "base/types.h"
#include "trace/trace.h"

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static void dump_and_poweroff(const struct trap_frame *f)
{
	unsigned long scause = csr_read(CSR_SCAUSE);
	log_error("unexpected trap in the hypervisor: scause=0x%lx (%s)", scause, trace_cause_name(scause));
	printf("  sepc=0x%016lx stval=0x%016lx htval=0x%016lx htinst=0x%016lx\n",
	       f->sepc, csr_read(CSR_STVAL), csr_read(CSR_HTVAL), csr_read(CSR_HTINST));
	printf("  sstatus=0x%016lx hstatus=0x%016lx sscratch=0x%016lx hgatp=0x%016lx\n",
	       f->sstatus, csr_read(CSR_HSTATUS), csr_read(CSR_SSCRATCH), csr_read(CSR_HGATP));
	for (int i = 1; i < 32; i++)
		printf("  %-4s=0x%016lx%s", reg_names[i], f->x[i], i % 4 == 3 ? "\n" : "");
	printf("\n");
	log_error("the hypervisor cannot continue; powering off");
	sbi_poweroff();
}

void hv_trap_internal(struct trap_frame *f)
{
	unsigned long scause = csr_read(CSR_SCAUSE);
	unsigned long fixup = trap_fixup_lookup(f->sepc);
	if (!(scause & CAUSE_INTERRUPT_FLAG) && fixup) {
		this_hart()->fixup_cause = scause;
		f->sepc = fixup;
		return;
	}
	dump_and_poweroff(f);
}
