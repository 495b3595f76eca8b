/* main.c: the hello app, run in U-mode by the mkernel guest. It checks the kernel's system calls
 * one by one (getpid, sched_yield, clock_gettime around a 10 ms nanosleep, brk growing the heap by
 * 64 KiB) and a 64 KiB stack array that the kernel must demand-page; it exits with 0 when all
 * pass, or names the first failure and exits with 1. */
#include "print.h"
#include "syscall.h"

#define SLEEP_NS   10000000L          /* 10 ms */
#define HEAP_GROW  (64 * 1024)
#define STACK_USE  (64 * 1024)

static void fail(const char *check, long value)
{
	print_str("user app: check failed: ");
	print_str(check);
	print_str(" (");
	print_num(value);
	print_str(")\n");
	sys_exit(1);
}

static long ns_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000000L + (b->tv_nsec - a->tv_nsec);
}

static void check_sleep(void)
{
	struct timespec before, after, req = { 0, SLEEP_NS };
	long r;

	if ((r = sys_clock_gettime(CLOCK_MONOTONIC, &before)) != 0)
		fail("clock_gettime", r);
	if ((r = sys_nanosleep(&req, 0)) != 0)
		fail("nanosleep", r);
	if ((r = sys_clock_gettime(CLOCK_MONOTONIC, &after)) != 0)
		fail("clock_gettime", r);
	long slept = ns_between(&before, &after);
	if (slept < SLEEP_NS)
		fail("nanosleep slept at least 10 ms, ns", slept);
	print_str("user app: nanosleep(10 ms) took ");
	print_num(slept / 1000);
	print_str(" us\n");
}

static void check_heap(void)
{
	long start = sys_brk(0);
	if (start <= 0)
		fail("brk(0)", start);
	long end = sys_brk((char *)start + HEAP_GROW);
	if (end != start + HEAP_GROW)
		fail("brk grows the heap by 64 KiB", end);
	volatile unsigned char *heap = (volatile unsigned char *)start;
	for (long i = 0; i < HEAP_GROW; i++)
		heap[i] = (unsigned char)i;
	for (long i = 0; i < HEAP_GROW; i++)
		if (heap[i] != (unsigned char)i)
			fail("heap byte reads back, offset", i);
}

/* A 64 KiB array on the stack, written from its far end (the lowest address) upwards. */
static __attribute__((noinline)) long use_stack(void)
{
	volatile unsigned char big[STACK_USE];
	long sum = 0;

	for (long i = 0; i < STACK_USE; i++)
		big[i] = (unsigned char)(i * 7);
	for (long i = 0; i < STACK_USE; i++)
		sum += big[i];
	return sum;
}

static long expected_stack_sum(void)
{
	long sum = 0;
	for (long i = 0; i < STACK_USE; i++)
		sum += (unsigned char)(i * 7);
	return sum;
}

int main(void)
{
	long pid = sys_getpid();
	print_str("hello from user space, pid ");
	print_num(pid);
	print_str("\n");
	if (pid <= 0)
		fail("getpid", pid);

	long r = sys_sched_yield();
	if (r != 0)
		fail("sched_yield", r);
	check_sleep();
	check_heap();
	long sum = use_stack();
	if (sum != expected_stack_sum())
		fail("64 KiB stack array reads back, sum", sum);

	print_str("user app: all checks passed\n");
	return 0;
}
