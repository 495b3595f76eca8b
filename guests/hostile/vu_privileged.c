/* vu_privileged.c: supervisor instructions from the guest's own user mode (VU). The H extension
 * makes wfi, sret, sfence.vma and supervisor-CSR accesses in VU-mode virtual instructions; a
 * hypervisor that does not emulate them must give the guest kernel an illegal instruction taken
 * from U-mode (stval = the bits, sstatus.SPP = 0). A VU wfi must not idle the vCPU: the guest
 * kernel has no interrupt enabled, so that would hang it. */
#include <stdio.h>
#include "hostile/common/hostile.h"

/* Each runs one instruction in VU-mode, then ecall (cause 8, delegated) brings it back. */
__asm__(".pushsection .text\n"
	".balign 4\nvu_wfi: wfi\n ecall\n"
	".balign 4\nvu_sret: sret\n ecall\n"
	".balign 4\nvu_sfence: sfence.vma\n ecall\n"
	".balign 4\nvu_csrr: csrr a0, sstatus\n ecall\n"
	".popsection");
extern char vu_wfi[], vu_sret[], vu_sfence[], vu_csrr[];

static guest_trap_handler_t record;           /* the hostile catcher */
static volatile unsigned long back_to_vs;     /* where the ecall resumes, in VS-mode */
static volatile unsigned long trap_sstatus;   /* sstatus seen by the last recorded trap */

static bool handler(struct guest_trap_frame *f)
{
	if (f->scause == CAUSE_USER_ECALL) {
		f->sepc = back_to_vs;
		f->sstatus |= SSTATUS_SPP;
		return true;
	}
	trap_sstatus = f->sstatus;
	return record(f);
}

static void run_in_vu(unsigned long code)
{
	__asm__ volatile("lla t0, 1f\n\tsd t0, 0(%0)\n\tcsrw sepc, %1\n\tli t0, %2\n\tcsrc sstatus, t0\n\tsret\n1:"
			 : : "r"(&back_to_vs), "r"(code), "i"(SSTATUS_SPP)
			 : "t0", "a0", "ra", "memory");
}

static void try_vu(const char *what, char *code)
{
	trap_sstatus = SSTATUS_SPP;
	if (hostile_try(what, run_in_vu, (unsigned long)code))
		printf("hostile: %s: taken from %s\n", what, trap_sstatus & SSTATUS_SPP ? "VS" : "VU");
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	record = guest_set_trap_handler(handler);
	__asm__ volatile("csrw sie, zero" ::: "memory");   /* nothing could wake a wfi */
	try_vu("VU wfi", vu_wfi);
	try_vu("VU sret", vu_sret);
	try_vu("VU sfence.vma", vu_sfence);
	try_vu("VU csrr sstatus", vu_csrr);
	hostile_done("vu_privileged");
}
