/* syscall.c: the Linux RISC-V system calls the process may make: ecall with a7 = number and
 * a0..a5 = arguments; the result (or a negated errno) goes back in a0. Unknown numbers are named
 * on the console and get -ENOSYS. */
#include <stdio.h>
#include "lib/console.h"
#include "kernel.h"

#define SYS_WRITE         64
#define SYS_EXIT          93
#define SYS_EXIT_GROUP    94
#define SYS_NANOSLEEP     101
#define SYS_CLOCK_GETTIME 113
#define SYS_SCHED_YIELD   124
#define SYS_GETPID        172
#define SYS_BRK           214

#define CLOCK_REALTIME    0
#define CLOCK_MONOTONIC   1

struct timespec64 {
	int64_t tv_sec;
	int64_t tv_nsec;
};

static long sys_write(long fd, uint64_t buf, size_t len)
{
	char chunk[128];

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (uaccess_check(buf, len, false))
		return -EFAULT;
	for (size_t done = 0; done < len;) {
		size_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)len;
}

/* There is no wall clock: CLOCK_REALTIME counts from boot like CLOCK_MONOTONIC. */
static long sys_clock_gettime(long clock, uint64_t tsp)
{
	struct timespec64 ts;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return -EINVAL;
	clock_ticks_to_timespec(clock_ticks(), &ts.tv_sec, &ts.tv_nsec);
	return copy_to_user(tsp, &ts, sizeof(ts));
}

static long sys_nanosleep(uint64_t reqp, uint64_t remp)
{
	struct timespec64 req, rem = { 0, 0 };

	if (copy_from_user(&req, reqp, sizeof(req)))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
		return -EINVAL;
	clock_sleep_ticks(clock_timespec_to_ticks(req.tv_sec, req.tv_nsec));
	if (remp && copy_to_user(remp, &rem, sizeof(rem)))
		return -EFAULT;
	return 0;
}

void syscall_handle(struct guest_trap_frame *f)
{
	unsigned long nr = f->x[17];
	unsigned long a0 = f->x[10], a1 = f->x[11], a2 = f->x[12];
	long ret;

	f->sepc += 4;                      /* past the ecall, whatever the call does */
	switch (nr) {
	case SYS_WRITE:
		ret = sys_write((long)a0, a1, a2);
		break;
	case SYS_EXIT:
	case SYS_EXIT_GROUP:
		proc_exit((long)(int)a0);
	case SYS_NANOSLEEP:
		ret = sys_nanosleep(a0, a1);
		break;
	case SYS_CLOCK_GETTIME:
		ret = sys_clock_gettime((long)a0, a1);
		break;
	case SYS_SCHED_YIELD:
		ret = 0;                   /* the only process: it runs again at once */
		break;
	case SYS_GETPID:
		ret = PROC_PID;
		break;
	case SYS_BRK:
		ret = (long)vm_brk(a0);
		break;
	default:
		printf("mkernel: unknown syscall %lu (sepc 0x%lx)\n", nr, f->sepc - 4);
		ret = -ENOSYS;
	}
	f->x[10] = (unsigned long)ret;
}
