/* trap.c: where each trap goes. From U-mode: an ecall is a system call, a page fault goes to the
 * demand pager (and kills the process when it is not one to fix), anything else kills it. A trap
 * from the kernel itself is a kernel bug: it is reported and the machine shut down. */
#include <stdio.h>
#include "lib/csr.h"
#include "lib/guest.h"
#include "lib/sbi.h"
#include "kernel.h"

extern char trap_vector[];

void trap_init(void)
{
	csr_write(CSR_SSCRATCH, 0);
	csr_write(CSR_STVEC, (unsigned long)trap_vector);
}

static void user_page_fault(struct guest_trap_frame *f)
{
	int err = vm_handle_fault(f->stval, trap_code(f->scause));
	if (err == -ENOMEM)
		proc_kill("out of memory for a demand-paged page", f);
	if (err)
		proc_kill("page fault outside its memory", f);
}

void trap_dispatch(struct guest_trap_frame *f)
{
	unsigned long code = trap_code(f->scause);

	if (trap_is_interrupt(f->scause) && code == IRQ_S_TIMER) {
		/* only clock_sleep_ticks enables it, and it never takes it: quieten a stray one */
		csr_clear(CSR_SIE, MIP_STIP);
		sbi_set_timer(~0UL);
		return;
	}
	if (trap_is_interrupt(f->scause) || (f->sstatus & SSTATUS_SPP)) {
		printf("mkernel: panic: %s %lu in the kernel: sepc=0x%lx stval=0x%lx\n",
		       trap_is_interrupt(f->scause) ? "interrupt" : "exception", code, f->sepc, f->stval);
		guest_exit(1);
	}
	switch (code) {
	case CAUSE_USER_ECALL:
		syscall_handle(f);
		break;
	case CAUSE_FETCH_PAGE_FAULT:
	case CAUSE_LOAD_PAGE_FAULT:
	case CAUSE_STORE_PAGE_FAULT:
		user_page_fault(f);
		break;
	default:
		proc_kill("unexpected exception", f);
	}
}
