/* hostile.c: the trap catcher and reporting helpers every hostile guest links with. */
#include <stdio.h>
#include "hostile/common/hostile.h"

volatile struct hostile_trap hostile_trap;

/* A fetch from a bad address traps with sepc = that address: resume at the caller instead. */
static volatile unsigned long fetch_return;

static bool record_and_skip(struct guest_trap_frame *f)
{
	if (trap_is_interrupt(f->scause))
		return false;
	hostile_trap.scause = f->scause;
	hostile_trap.sepc = f->sepc;
	hostile_trap.stval = f->stval;
	hostile_trap.count++;
	if (fetch_return && f->sepc == f->stval) {
		f->sepc = fetch_return;
		fetch_return = 0;
	} else {
		guest_trap_skip_insn(f);
	}
	return true;
}

void hostile_catch_exceptions(void)
{
	guest_set_trap_handler(record_and_skip);
}

unsigned long hostile_try(const char *what, void (*fn)(unsigned long), unsigned long arg)
{
	unsigned long before = hostile_trap.count;
	fn(arg);
	unsigned long traps = hostile_trap.count - before;
	if (traps)
		printf("hostile: %s: trap %lu stval=0x%lx\n", what, trap_code(hostile_trap.scause),
		       hostile_trap.stval);
	else
		printf("hostile: %s: ok\n", what);
	return traps;
}

void hostile_load64(unsigned long addr)
{
	unsigned long v;
	__asm__ volatile("ld %0, 0(%1)" : "=r"(v) : "r"(addr) : "memory");
	(void)v;
}

void hostile_store64(unsigned long addr)
{
	__asm__ volatile("sd zero, 0(%0)" : : "r"(addr) : "memory");
}

void hostile_fetch(unsigned long addr)
{
	__asm__ volatile("lla t0, 1f\n\tsd t0, 0(%1)\n\tjalr ra, 0(%0)\n1:"
			 : : "r"(addr), "r"(&fetch_return) : "t0", "ra", "memory");
	fetch_return = 0;
}

void hostile_done(const char *name)
{
	printf("hostile: %s survived\n", name);
	guest_exit(0);
}
