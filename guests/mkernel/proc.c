/* proc.c: the one process: entering it in U-mode at USER_BASE with sp = USER_STACK_TOP, and the
 * two ways it ends (exit, or killed by the kernel), which both return to proc_run's caller. */
#include <stdio.h>
#include <string.h>
#include "lib/csr.h"
#include "kernel.h"

#define TRAP_STACK_SIZE 16384

static unsigned char trap_stack[TRAP_STACK_SIZE] __attribute__((aligned(16)));
static struct kernel_context kernel_ctx;
static bool proc_killed;

long proc_run(bool *killed)
{
	struct trap_top *top = (struct trap_top *)(trap_stack + TRAP_STACK_SIZE) - 1;
	struct guest_trap_frame *f = (struct guest_trap_frame *)top - 1;

	__asm__ volatile("mv %0, tp" : "=r"(top->kernel_tp));
	__asm__ volatile("mv %0, gp" : "=r"(top->kernel_gp));
	memset(f, 0, sizeof(*f));
	f->x[2] = USER_STACK_TOP;
	f->sepc = USER_BASE;
	/* sret to U-mode (SPP = 0); the kernel keeps interrupts off (SIE = 0) and SUM off */
	f->sstatus = (csr_read(CSR_SSTATUS) & ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM)) |
		     SSTATUS_SPIE;
	proc_killed = false;
	long code = trap_enter_user(&kernel_ctx, f);
	*killed = proc_killed;
	return code;
}

void proc_exit(long code)
{
	trap_resume_kernel(&kernel_ctx, code);
}

void proc_kill(const char *why, const struct guest_trap_frame *f)
{
	printf("mkernel: killed pid %d: %s (scause %lu, sepc 0x%lx, stval 0x%lx)\n", PROC_PID, why,
	       trap_code(f->scause), f->sepc, f->stval);
	proc_killed = true;
	trap_resume_kernel(&kernel_ctx, -1);
}
