/* trap.c: traps taken by the hypervisor itself: fixups for guest-memory accesses, else a dump and power-off. */
#include <stdio.h>
#include <string.h>
#include "arch/csr.h"
#include "arch/hart.h"
#include "arch/trap.h"
#include "arch/sbi_call.h"
#include "core/log.h"
#include "core/types.h"

extern char __tdata_start[], __tdata_end[], __tbss_start[], __tbss_end[];
extern char hart_tls[];

void hart_tls_init(unsigned long hartid)
{
	char *block = hart_tls + hartid * HART_TLS_SIZE;
	size_t tdata = (size_t)(__tdata_end - __tdata_start);
	size_t total = (size_t)(__tbss_end - __tdata_start);
	for (size_t i = 0; i < HART_TLS_SIZE; i++)
		block[i] = i < tdata ? __tdata_start[i] : 0;
	if (total > HART_TLS_SIZE)
		sbi_poweroff();   /* cannot even log: the TLS block is too small for picolibc */
}

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static void dump_and_poweroff(const struct trap_frame *f)
{
	unsigned long scause = csr_read(CSR_SCAUSE);
	log_error("unexpected trap in the hypervisor: scause=0x%lx (%s)", scause, trap_cause_name(scause));
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
		trap_fixup_fired = scause;
		f->sepc = fixup;
		return;
	}
	dump_and_poweroff(f);
}

const char *trap_cause_name(unsigned long scause)
{
	static const char *const exceptions[24] = {
		"instruction-misaligned", "instruction-access-fault", "illegal-instruction", "breakpoint",
		"load-misaligned", "load-access-fault", "store-misaligned", "store-access-fault",
		"ecall-u", "ecall-vs", "ecall-hs", "ecall-m", "instruction-page-fault", "load-page-fault",
		"reserved-14", "store-page-fault", "reserved-16", "reserved-17", "reserved-18", "reserved-19",
		"fetch-guest-page-fault", "load-guest-page-fault", "virtual-instruction", "store-guest-page-fault",
	};
	static const char *const interrupts[13] = {
		"irq-0", "s-software", "vs-software", "m-software", "irq-4", "s-timer", "vs-timer",
		"m-timer", "irq-8", "s-external", "vs-external", "m-external", "sg-external",
	};
	unsigned long code = scause & ~CAUSE_INTERRUPT_FLAG;
	if (scause & CAUSE_INTERRUPT_FLAG)
		return code < ARRAY_SIZE(interrupts) ? interrupts[code] : "irq-unknown";
	return code < ARRAY_SIZE(exceptions) ? exceptions[code] : "exception-unknown";
}
