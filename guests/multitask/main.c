/* main.c: the multitask guest (the ArceOS tour's u_6_0 scenario): two threads under the lib's
 * preemptive round-robin scheduler share a bounded queue guarded by disabling interrupts.
 * worker1 pushes 1..N slowly; worker2 pops, and when the queue is empty it spins without ever
 * yielding, so only the timer interrupt (every 10 ms) can get worker1 running again. Prints
 * "Multi-task(Preemptible) ok!" and returns 0 when worker2 got every item in order. */
#include <stdarg.h>
#include <stdio.h>
#include "lib/csr.h"
#include "lib/sched.h"
#include "lib/timer.h"

#define N_ITEMS        64
#define QUEUE_CAP      16
#define PERIOD_MS      10         /* the timer's period: one time slice */
#define ITEM_DELAY_MS  1          /* worker1's busy wait before each item */
#define WATCHDOG_MS    2000       /* longest wait for a timer interrupt */
#define RUN_LIMIT_MS   5000       /* longest the whole run may take */
#define EMPTY_REPORTS  3          /* "nothing to do!" lines printed; later ones are only counted */

static unsigned long ticks_per_ms;
static unsigned long run_start;

static struct {
	unsigned long item[QUEUE_CAP];
	unsigned int head, count;
} queue;

static volatile int failed;
static volatile bool consumer_done;
static unsigned long empty_episodes;

/* printf as one piece: the console's line buffer is per hart, shared by the threads. */
static void __attribute__((format(printf, 1, 2))) say(const char *fmt, ...)
{
	unsigned long flags = sched_irq_off();
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	sched_irq_restore(flags);
}

static void __attribute__((noreturn, format(printf, 1, 2))) fail(const char *fmt, ...)
{
	sched_irq_off();
	printf("multitask: FAILED: ");
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed = 1;
	sched_stop_all();
}

static bool queue_push(unsigned long v)
{
	unsigned long flags = sched_irq_off();
	bool ok = queue.count < QUEUE_CAP;
	if (ok) {
		queue.item[(queue.head + queue.count) % QUEUE_CAP] = v;
		queue.count++;
	}
	sched_irq_restore(flags);
	return ok;
}

static bool queue_pop(unsigned long *v)
{
	unsigned long flags = sched_irq_off();
	bool ok = queue.count > 0;
	if (ok) {
		*v = queue.item[queue.head];
		queue.head = (queue.head + 1) % QUEUE_CAP;
		queue.count--;
	}
	sched_irq_restore(flags);
	return ok;
}

/* A busy-waiting thread's check that the timer still ticks and the run is not overdue. */
struct watchdog {
	unsigned long ticks, since;
};

static void watchdog_poll(struct watchdog *w, const char *who)
{
	unsigned long now = rdtime(), t = sched_ticks();

	if (now - run_start > RUN_LIMIT_MS * ticks_per_ms)
		fail("%s: the run took more than %d ms (%lu timer interrupts)", who, RUN_LIMIT_MS, t);
	if (w->since == 0 || t != w->ticks) {
		w->ticks = t;
		w->since = now;
	} else if (now - w->since > WATCHDOG_MS * ticks_per_ms) {
		fail("%s: no timer interrupt within %d ms (%lu taken so far)", who, WATCHDOG_MS, t);
	}
}

static void delay_ms(unsigned long ms)
{
	unsigned long start = rdtime();
	while (rdtime() - start < ms * ticks_per_ms)
		;
}

/* The producer. */
static void worker1(void *arg)
{
	struct watchdog w = { 0, 0 };
	(void)arg;

	say("worker1: producer started, pushing 1..%d\n", N_ITEMS);
	for (unsigned long v = 1; v <= N_ITEMS; v++) {
		delay_ms(ITEM_DELAY_MS);
		while (!queue_push(v))
			watchdog_poll(&w, "worker1");
	}
	say("worker1: pushed %d items\n", N_ITEMS);
}

/* The consumer: never yields; waits for items by spinning. */
static void worker2(void *arg)
{
	struct watchdog w = { 0, 0 };
	unsigned long expected = 1, sum = 0, v;
	bool was_empty = false;
	(void)arg;

	say("worker2: consumer started\n");
	while (expected <= N_ITEMS) {
		if (!queue_pop(&v)) {
			if (!was_empty) {
				was_empty = true;
				if (++empty_episodes <= EMPTY_REPORTS)
					say("worker2: nothing to do!\n");
			}
			watchdog_poll(&w, "worker2");
			continue;
		}
		was_empty = false;
		if (v != expected)
			fail("worker2: got item %lu, expected %lu", v, expected);
		sum += v;
		expected++;
	}
	if (sum != (unsigned long)N_ITEMS * (N_ITEMS + 1) / 2)
		fail("worker2: sum of the items %lu, want %lu", sum,
		     (unsigned long)N_ITEMS * (N_ITEMS + 1) / 2);
	say("worker2: received %d items in order, sum %lu ok\n", N_ITEMS, sum);
	consumer_done = true;
}

int main(unsigned long hartid, unsigned long dtb)
{
	const void *fdt = (const void *)dtb;
	unsigned long hz = guest_fdt_timebase(fdt);

	ticks_per_ms = hz / 1000;
	guest_timer_init(fdt);
	printf("multitask: timer via %s\n", guest_timer_mode_name());
	printf("multitask: hart %lu, timebase %lu Hz, period %lu ticks, %d items through a queue of %d\n",
	       hartid, hz, PERIOD_MS * ticks_per_ms, N_ITEMS, QUEUE_CAP);

	struct sched_thread *t1 = sched_thread_create("worker1", worker1, NULL);
	struct sched_thread *t2 = sched_thread_create("worker2", worker2, NULL);
	if (t1 == NULL || t2 == NULL) {
		printf("multitask: FAILED: cannot create the threads\n");
		return 1;
	}

	run_start = rdtime();
	sched_run(PERIOD_MS * ticks_per_ms, 0);
	unsigned long elapsed_ms = (rdtime() - run_start) / ticks_per_ms;

	if (failed)
		return 1;
	if (!consumer_done) {
		printf("multitask: FAILED: the threads ended before worker2 got every item\n");
		return 1;
	}
	printf("multitask: %lu timer interrupts, %lu preemptions (worker1 %lu, worker2 %lu), "
	       "queue found empty %lu times, %lu ms\n",
	       sched_ticks(), sched_preemptions(), sched_thread_preemptions(t1),
	       sched_thread_preemptions(t2), empty_episodes, elapsed_ms);
	if (sched_preemptions() == 0) {
		printf("multitask: FAILED: no thread was ever preempted\n");
		return 1;
	}
	printf("Multi-task(Preemptible) ok!\n");
	return 0;
}
