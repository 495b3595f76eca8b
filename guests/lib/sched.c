/* sched.c: the preemptive round-robin scheduler (see sched.h): the thread table, the timer
 * interrupt handler that switches threads, yield and exit. One hart only. */
#include <stddef.h>
#include "lib/sched.h"
#include "lib/timer.h"
#include "lib/trap.h"

_Static_assert(offsetof(struct sched_context, ra) == SCHED_CTX_RA, "context layout");
_Static_assert(offsetof(struct sched_context, sp) == SCHED_CTX_SP, "context layout");
_Static_assert(offsetof(struct sched_context, s) == SCHED_CTX_S0, "context layout");
_Static_assert(offsetof(struct sched_context, fcsr) == SCHED_CTX_FCSR, "context layout");
_Static_assert(offsetof(struct sched_context, f) == SCHED_CTX_F0, "context layout");
_Static_assert(sizeof(struct sched_context) == SCHED_CTX_SIZE, "context layout");

#define SCAUSE_S_TIMER (CAUSE_INTERRUPT_FLAG | IRQ_S_TIMER)

enum sched_state { SCHED_READY = 1, SCHED_DONE };

struct sched_thread {
	struct sched_context ctx;
	const char *name;
	enum sched_state state;
	unsigned long interrupts;
	unsigned long preemptions;
	unsigned char stack[SCHED_STACK_SIZE] __attribute__((aligned(16)));
};

static struct sched_thread threads[SCHED_MAX_THREADS];
static int nthreads;
static int current = -1;                 /* index into threads, -1: sched_run's caller */
static struct sched_context caller_ctx;  /* sched_run's caller while threads run */
static unsigned long switch_fp;
static unsigned long period_ticks;
static volatile unsigned long ticks, preemptions;
static guest_trap_handler_t previous_handler;

struct sched_thread *sched_thread_create(const char *name, sched_fn_t fn, void *arg)
{
	if (nthreads == SCHED_MAX_THREADS)
		return NULL;
	struct sched_thread *t = &threads[nthreads++];
	t->ctx = (struct sched_context){ 0 };    /* f0-f31 and fcsr start at zero */
	t->name = name;
	t->state = SCHED_READY;
	t->interrupts = t->preemptions = 0;
	t->ctx.ra = (unsigned long)sched_thread_start;
	t->ctx.sp = (unsigned long)(t->stack + SCHED_STACK_SIZE);
	t->ctx.s[0] = (unsigned long)fn;
	t->ctx.s[1] = (unsigned long)arg;
	return t;
}

/* The next ready thread after the current one (round robin; the current one last), or -1. */
static int pick_next(void)
{
	for (int i = 1; i <= nthreads; i++) {
		int n = (current + i + nthreads) % nthreads;
		if (current < 0)
			n = i - 1;
		if (threads[n].state == SCHED_READY)
			return n;
	}
	return -1;
}

/* Switches to thread next (-1: sched_run's caller). Interrupts must be off. */
static void switch_to(int next)
{
	struct sched_context *from = current < 0 ? &caller_ctx : &threads[current].ctx;
	const struct sched_context *to = next < 0 ? &caller_ctx : &threads[next].ctx;
	current = next;
	sched_switch(from, to, switch_fp);
}

static bool sched_trap(struct guest_trap_frame *f)
{
	if (f->scause != SCAUSE_S_TIMER)
		return previous_handler ? previous_handler(f) : false;
	ticks++;
	guest_timer_set(rdtime() + period_ticks);
	if (current >= 0) {
		struct sched_thread *t = &threads[current];
		t->interrupts++;
		int next = pick_next();
		if (next >= 0 && next != current) {
			t->preemptions++;
			preemptions++;
			switch_to(next);
			/* back in this thread: its registers are live again, so FS is what the CPU says */
			f->sstatus = (f->sstatus & ~SSTATUS_FS) | (csr_read(CSR_SSTATUS) & SSTATUS_FS);
		}
	}
	return true;
}

void sched_run(unsigned long period, unsigned int options)
{
	unsigned long flags = sched_irq_off();

	switch_fp = (options & SCHED_FP) ? 1 : 0;
	period_ticks = period;
	ticks = preemptions = 0;
	previous_handler = guest_set_trap_handler(sched_trap);
	guest_timer_set(rdtime() + period_ticks);
	csr_set(CSR_SIE, MIP_STIP);

	int first = pick_next();
	if (first >= 0)
		switch_to(first);     /* returns when no thread is left */

	csr_clear(CSR_SIE, MIP_STIP);
	guest_timer_stop();
	guest_set_trap_handler(previous_handler);
	current = -1;
	sched_irq_restore(flags);
}

void sched_thread_yield(void)
{
	unsigned long flags = sched_irq_off();
	int next = pick_next();
	if (next >= 0 && next != current)
		switch_to(next);
	sched_irq_restore(flags);
}

void sched_thread_exit(void)
{
	sched_irq_off();
	threads[current].state = SCHED_DONE;
	switch_to(pick_next());    /* -1, back to sched_run, when this was the last one */
	for (;;)
		;
}

void sched_stop_all(void)
{
	sched_irq_off();
	for (int i = 0; i < nthreads; i++)
		threads[i].state = SCHED_DONE;
	switch_to(-1);
	for (;;)
		;
}

struct sched_thread *sched_current(void)
{
	return current < 0 ? NULL : &threads[current];
}

const char *sched_thread_name(const struct sched_thread *t)
{
	return t->name;
}

unsigned long sched_thread_interrupts(const struct sched_thread *t)
{
	return t->interrupts;
}

unsigned long sched_thread_preemptions(const struct sched_thread *t)
{
	return t->preemptions;
}

unsigned long sched_ticks(void)
{
	return ticks;
}

unsigned long sched_preemptions(void)
{
	return preemptions;
}
