/* sched.h: a tiny preemptive round-robin scheduler for one hart: a few kernel threads, each with
 * its own stack, switched by the S-mode timer interrupt (every `period` ticks of `time`) or when
 * a thread yields. A switch saves ra, sp and s0-s11, and with SCHED_FP also f0-f31 and fcsr.
 * Every switch happens with sstatus.SIE = 0; the code a thread resumes in restores its own SIE
 * (a trap frame's sret, sched_irq_restore, or a new thread's start, which enables interrupts). */
#ifndef GUEST_LIB_SCHED_H
#define GUEST_LIB_SCHED_H
#include <stdbool.h>
#include "lib/csr.h"

#define SCHED_MAX_THREADS  4
#define SCHED_STACK_SIZE   16384

/* sched_run options */
#define SCHED_FP           (1U << 0)    /* threads use the FPU: switch f0-f31 and fcsr too */

/* What sched_switch saves: byte offsets for the assembly. */
#define SCHED_CTX_RA       0
#define SCHED_CTX_SP       8
#define SCHED_CTX_S0       16            /* s0..s11 at 16 + 8 * n */
#define SCHED_CTX_FCSR     112
#define SCHED_CTX_F0       128           /* f0..f31 at 128 + 8 * n */
#define SCHED_CTX_SIZE     384

#ifndef __ASSEMBLER__
struct sched_context {
	unsigned long ra, sp, s[12];
	unsigned long fcsr, pad;
	unsigned long f[32];       /* raw 64-bit register contents (a float is NaN-boxed) */
};

typedef void (*sched_fn_t)(void *arg);
struct sched_thread;

/* Adds a thread that will run fn(arg) once sched_run starts; returning from fn is
 * sched_thread_exit. NULL when SCHED_MAX_THREADS threads exist already. Call before sched_run. */
struct sched_thread *sched_thread_create(const char *name, sched_fn_t fn, void *arg);

/* Arms the timer (guest_timer_init must have chosen how), enables the timer interrupt and runs
 * the threads, first created first, until every one has exited or one called sched_stop_all.
 * Returns with the timer stopped, sie.STIE cleared and the previous trap handler back. Call it
 * with interrupts off. */
void sched_run(unsigned long period, unsigned int options);

/* Gives the CPU to the next ready thread (if any); returns when this thread runs again. */
void sched_thread_yield(void);
/* Ends the calling thread. */
void __attribute__((noreturn)) sched_thread_exit(void);
/* Ends every thread: sched_run returns. */
void __attribute__((noreturn)) sched_stop_all(void);

/* The running thread (NULL outside sched_run) and a thread's name. */
struct sched_thread *sched_current(void);
const char *sched_thread_name(const struct sched_thread *t);
/* Timer interrupts taken while t ran, and how many of them switched t out. */
unsigned long sched_thread_interrupts(const struct sched_thread *t);
unsigned long sched_thread_preemptions(const struct sched_thread *t);
/* Timer interrupts taken since sched_run began, and switches the timer made. */
unsigned long sched_ticks(void);
unsigned long sched_preemptions(void);

/* The saved context switch (sched_switch.S): saves into from, resumes to; fp != 0 switches the
 * FP registers and fcsr too. */
void sched_switch(struct sched_context *from, const struct sched_context *to, unsigned long fp);
/* Where a new thread starts (sched_switch.S): enables interrupts, calls s0(s1), then exits. */
void sched_thread_start(void);

/* Interrupts off; returns the old sstatus.SIE for sched_irq_restore. */
static inline unsigned long sched_irq_off(void)
{
	unsigned long old;
	__asm__ volatile("csrrci %0, sstatus, %1" : "=r"(old) : "i"(SSTATUS_SIE) : "memory");
	return old & SSTATUS_SIE;
}

static inline void sched_irq_restore(unsigned long flags)
{
	if (flags & SSTATUS_SIE)
		__asm__ volatile("csrsi sstatus, %0" :: "i"(SSTATUS_SIE) : "memory");
}
#endif

#endif
