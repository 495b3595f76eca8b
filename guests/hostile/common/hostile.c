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

unsigned long hostile_load(unsigned long addr, int width)
{
	unsigned long v;
	/* v starts at 0: a load that traps is skipped and leaves it so */
	switch (width) {
	case 1:
		__asm__ volatile("li %0, 0\n\tlbu %0, 0(%1)" : "=&r"(v) : "r"(addr) : "memory");
		break;
	case 2:
		__asm__ volatile("li %0, 0\n\tlhu %0, 0(%1)" : "=&r"(v) : "r"(addr) : "memory");
		break;
	case 4:
		__asm__ volatile("li %0, 0\n\tlwu %0, 0(%1)" : "=&r"(v) : "r"(addr) : "memory");
		break;
	default:
		__asm__ volatile("li %0, 0\n\tld %0, 0(%1)" : "=&r"(v) : "r"(addr) : "memory");
		break;
	}
	return v;
}

void hostile_store(unsigned long addr, int width, unsigned long value)
{
	switch (width) {
	case 1:
		__asm__ volatile("sb %0, 0(%1)" : : "r"(value), "r"(addr) : "memory");
		break;
	case 2:
		__asm__ volatile("sh %0, 0(%1)" : : "r"(value), "r"(addr) : "memory");
		break;
	case 4:
		__asm__ volatile("sw %0, 0(%1)" : : "r"(value), "r"(addr) : "memory");
		break;
	default:
		__asm__ volatile("sd %0, 0(%1)" : : "r"(value), "r"(addr) : "memory");
		break;
	}
}

unsigned long hostile_try_load(const char *what, unsigned long addr, int width)
{
	unsigned long before = hostile_trap.count;
	unsigned long v = hostile_load(addr, width);
	if (hostile_trap.count != before)
		printf("hostile: %s: trap %lu stval=0x%lx\n", what, trap_code(hostile_trap.scause), hostile_trap.stval);
	else
		printf("hostile: %s: ok 0x%lx\n", what, v);
	return hostile_trap.count - before;
}

static unsigned long store_args[3];

static void store_with_args(unsigned long arg)
{
	(void)arg;
	hostile_store(store_args[0], (int)store_args[1], store_args[2]);
}

unsigned long hostile_try_store(const char *what, unsigned long addr, int width, unsigned long value)
{
	store_args[0] = addr, store_args[1] = (unsigned long)width, store_args[2] = value;
	return hostile_try(what, store_with_args, 0);
}

struct sbiret hostile_sbi(const char *what, unsigned long eid, unsigned long fid, unsigned long a0,
			  unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4)
{
	struct sbiret r = sbi_call(eid, fid, a0, a1, a2, a3, a4, 0);
	printf("hostile: %s: error %ld value %ld\n", what, r.error, r.value);
	return r;
}

void hostile_done(const char *name)
{
	printf("hostile: %s survived\n", name);
	guest_exit(0);
}
