/* main.c: the fpthreads guest: two threads under the lib's preemptive scheduler (timer every
 * 10 ms, FP registers and fcsr switched) each run a long FP loop that keeps all of f0-f31 live:
 * thread A sums 1/k^2 in double precision rounding to nearest, thread B sums 1/k^3 in single
 * precision rounding up. Both results must equal, bit for bit, the same work done beforehand
 * with interrupts off and no SBI calls: the guest's own switch and the hypervisor's exits (the
 * threads make an SBI call every 64 rounds, and without Sstc every tick is a set_timer call)
 * must both keep every FP register and fcsr. The reference run lasts 200 ms per thread, which
 * sizes the threads' work for well over 20 preemptions. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "lib/csr.h"
#include "lib/sched.h"
#include "lib/timer.h"

#define PERIOD_MS          10
#define TARGET_MS          250      /* FP work per thread (the reference run's length) */
#define ECALL_EVERY        64       /* rounds between the threads' SBI calls (exits) */
#define CHUNK_ROUNDS       250      /* the reference runs in chunks of this many rounds */
#define MAX_ROUNDS         500000   /* 12M terms: k stays exact in single precision */
#define MIN_PREEMPTIONS    20
#define TERMS_PER_ROUND    24
#define FRM_RNE            0
#define FRM_RUP            3
#define PI2_6              1.6449340668482264     /* zeta(2) */
#define ZETA3              1.2020569031595942
#define DOUBLE_ONE         0x3ff0000000000000ULL
#define FLOAT_ONE          0x3f800000ULL
#define NAN_BOX(bits)      (0xffffffff00000000ULL | (bits))   /* a float in a 64-bit f register */

/* kernels.S: `rounds` rounds of 24 terms, f0-f31 loaded from and stored back to state; an SBI
 * call every `every` rounds (0: none) while every FP register is live. */
void fp_kernel_d(unsigned long rounds, uint64_t state[32], unsigned long every);
void fp_kernel_s(unsigned long rounds, uint64_t state[32], unsigned long every);

struct fp_job {
	const char *name;
	const char *what;
	void (*kernel)(unsigned long rounds, uint64_t state[32], unsigned long every);
	unsigned int frm;
	unsigned long rounds;
	uint64_t ref[32];            /* f0-f31 after the reference run */
	uint64_t got[32];            /* f0-f31 after the threaded run (in one call) */
	unsigned long frm_after;
	struct sched_thread *thread;
	volatile bool ok;
};

static struct fp_job jobs[2] = {
	{ .name = "A", .what = "double 1/k^2, round to nearest", .kernel = fp_kernel_d, .frm = FRM_RNE },
	{ .name = "B", .what = "single 1/k^3, round up", .kernel = fp_kernel_s, .frm = FRM_RUP },
};

static void set_frm(unsigned long frm)
{
	__asm__ volatile("fsrm %0" :: "r"(frm) : "memory");
}

static unsigned long get_frm(void)
{
	unsigned long frm;
	__asm__ volatile("frrm %0" : "=r"(frm) :: "memory");
	return frm;
}

/* The guests' printf has no floating point: x >= 0 as digits, 12 after the point. */
static void print_fixed(const char *prefix, double x, const char *suffix)
{
	unsigned long scaled = (unsigned long)(x * 1e12 + 0.5);
	printf("%s%lu.%012lu%s", prefix, scaled / 1000000000000UL, scaled % 1000000000000UL, suffix);
}

static double as_double(uint64_t bits)
{
	double d;
	memcpy(&d, &bits, sizeof(d));
	return d;
}

static double as_float(uint64_t bits)
{
	uint32_t low = (uint32_t)bits;
	float f;
	memcpy(&f, &low, sizeof(f));
	return f;
}

/* The sum of the 24 accumulators, in order. */
static double job_total(const struct fp_job *j, const uint64_t r[32])
{
	double sum = 0;
	for (int i = 0; i < TERMS_PER_ROUND; i++)
		sum += j->kernel == fp_kernel_d ? as_double(r[i]) : as_float(r[i]);
	return sum;
}

/* The state both runs of j start from: accumulators 0, k = 1, the constant 1. */
static void job_init_state(const struct fp_job *j, uint64_t state[32])
{
	bool d = j->kernel == fp_kernel_d;
	for (int i = 0; i < 32; i++)
		state[i] = d ? 0 : NAN_BOX(0);
	state[24] = state[25] = d ? DOUBLE_ONE : NAN_BOX(FLOAT_ONE);
}

static void job_run(struct fp_job *j, unsigned long rounds, uint64_t state[32])
{
	set_frm(j->frm);
	j->kernel(rounds, state, 0);
	j->frm_after = get_frm();
	set_frm(FRM_RNE);
}

static void fp_thread(void *arg)
{
	struct fp_job *j = arg;

	job_init_state(j, j->got);
	set_frm(j->frm);
	j->kernel(j->rounds, j->got, ECALL_EVERY);
	j->frm_after = get_frm();

	unsigned long flags = sched_irq_off();
	unsigned long preempted = sched_thread_preemptions(j->thread);
	int bad = -1;
	for (int i = 0; i < 32 && bad < 0; i++)
		if (j->got[i] != j->ref[i])
			bad = i;
	if (bad >= 0)
		printf("fpthreads: thread %s FAILED: f%d = 0x%016lx, want 0x%016lx (%lu preemptions)\n",
		       j->name, bad, (unsigned long)j->got[bad], (unsigned long)j->ref[bad], preempted);
	else if (j->frm_after != j->frm)
		printf("fpthreads: thread %s FAILED: rounding mode %lu at the end, want %u (%lu preemptions)\n",
		       j->name, j->frm_after, j->frm, preempted);
	else
		printf("fpthreads: thread %s ok (%lu preemptions)\n", j->name, preempted);
	j->ok = bad < 0 && j->frm_after == j->frm;
	sched_irq_restore(flags);
}

/* The reference run, interrupts off and no SBI calls, in chunks until TARGET_MS have passed
 * (which sizes j->rounds), then a plausibility check of its sum; false if that is off. */
static bool job_reference(struct fp_job *j, unsigned long ticks_per_ms)
{
	unsigned long t0 = rdtime(), ticks = 0;

	job_init_state(j, j->ref);
	j->rounds = 0;
	while (ticks < TARGET_MS * ticks_per_ms && j->rounds < MAX_ROUNDS) {
		job_run(j, CHUNK_ROUNDS, j->ref);
		j->rounds += CHUNK_ROUNDS;
		if (j->frm_after != j->frm) {
			printf("fpthreads: FAILED: reference %s ended with rounding mode %lu, want %u\n",
			       j->name, j->frm_after, j->frm);
			return false;
		}
		ticks = rdtime() - t0;
	}

	double k = (double)(j->rounds * TERMS_PER_ROUND);
	double total = job_total(j, j->ref);
	double expect, tolerance;
	if (j->kernel == fp_kernel_d) {
		expect = PI2_6 - 1.0 / k;       /* the tail past K is 1/K - 1/(2K^2) + ... */
		tolerance = 1.0 / (k * k) + 1e-9;
	} else {
		expect = ZETA3;                  /* rounding up drifts the sums upwards */
		tolerance = 0.05;
	}
	printf("fpthreads: reference %s (%s): %lu terms in %lu ms, ", j->name, j->what,
	       j->rounds * TERMS_PER_ROUND, ticks / ticks_per_ms);
	print_fixed("sum ", total, ", ");
	print_fixed("expected ", expect, "\n");
	if (!(total > expect - tolerance && total < expect + tolerance)) {
		printf("fpthreads: FAILED: reference %s sum is not within the tolerance\n", j->name);
		return false;
	}
	return true;
}

int main(unsigned long hartid, unsigned long dtb)
{
	const void *fdt = (const void *)dtb;
	unsigned long hz = guest_fdt_timebase(fdt), ticks_per_ms = hz / 1000;

	guest_timer_init(fdt);
	printf("fpthreads: timer via %s\n", guest_timer_mode_name());
	csr_set(CSR_SSTATUS, SSTATUS_FS_INITIAL);
	unsigned long fs = csr_read(CSR_SSTATUS) & SSTATUS_FS;
	printf("fpthreads: hart %lu, timebase %lu Hz, period %lu ticks, sstatus.FS %lu\n",
	       hartid, hz, PERIOD_MS * ticks_per_ms, fs >> 13);
	if (fs == 0) {
		printf("fpthreads: FAILED: sstatus.FS stays Off\n");
		return 1;
	}

	sched_irq_off();
	for (int i = 0; i < 2; i++)
		if (!job_reference(&jobs[i], ticks_per_ms))
			return 1;
	if (memcmp(jobs[0].ref, jobs[1].ref, sizeof(jobs[0].ref)) == 0) {
		printf("fpthreads: FAILED: both workloads gave the same registers\n");
		return 1;
	}

	for (int i = 0; i < 2; i++) {
		jobs[i].thread = sched_thread_create(jobs[i].name, fp_thread, &jobs[i]);
		if (jobs[i].thread == NULL) {
			printf("fpthreads: FAILED: cannot create thread %s\n", jobs[i].name);
			return 1;
		}
	}
	unsigned long start = rdtime();
	sched_run(PERIOD_MS * ticks_per_ms, SCHED_FP);
	unsigned long elapsed_ms = (rdtime() - start) / ticks_per_ms;

	unsigned long preempted = sched_thread_preemptions(jobs[0].thread) +
				  sched_thread_preemptions(jobs[1].thread);
	printf("fpthreads: %lu timer interrupts, %lu preemptions during the FP work "
	       "(A %lu, B %lu), %lu SBI calls with live FP registers, %lu ms\n", sched_ticks(),
	       preempted, sched_thread_preemptions(jobs[0].thread),
	       sched_thread_preemptions(jobs[1].thread),
	       (jobs[0].rounds + jobs[1].rounds) / ECALL_EVERY, elapsed_ms);
	if (!jobs[0].ok || !jobs[1].ok) {
		printf("fpthreads: FAILED: a thread's FP result differs from its reference\n");
		return 1;
	}
	if (preempted < MIN_PREEMPTIONS) {
		printf("fpthreads: FAILED: only %lu preemptions during the FP work (want >= %d)\n",
		       preempted, MIN_PREEMPTIONS);
		return 1;
	}
	printf("fpthreads: all ok\n");
	return 0;
}
