/* syscall.h: the Linux RISC-V system calls this app makes, as tiny ecall wrappers (a7 = number,
 * a0..a5 = arguments, result in a0: a negated errno on failure). No libc. */
#ifndef HELLO_SYSCALL_H
#define HELLO_SYSCALL_H

#define SYS_WRITE         64
#define SYS_EXIT          93
#define SYS_NANOSLEEP     101
#define SYS_CLOCK_GETTIME 113
#define SYS_SCHED_YIELD   124
#define SYS_GETPID        172
#define SYS_BRK           214

#define CLOCK_MONOTONIC   1

struct timespec {
	long tv_sec;
	long tv_nsec;
};

static inline long syscall3(long nr, long a0, long a1, long a2)
{
	register long r_a0 __asm__("a0") = a0;
	register long r_a1 __asm__("a1") = a1;
	register long r_a2 __asm__("a2") = a2;
	register long r_a7 __asm__("a7") = nr;
	__asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
	return r_a0;
}

static inline long sys_write(int fd, const void *buf, unsigned long len)
{
	return syscall3(SYS_WRITE, fd, (long)buf, (long)len);
}

static inline __attribute__((noreturn)) void sys_exit(int code)
{
	syscall3(SYS_EXIT, code, 0, 0);
	for (;;)
		;
}

static inline long sys_getpid(void)
{
	return syscall3(SYS_GETPID, 0, 0, 0);
}

static inline long sys_sched_yield(void)
{
	return syscall3(SYS_SCHED_YIELD, 0, 0, 0);
}

static inline long sys_clock_gettime(int clock, struct timespec *ts)
{
	return syscall3(SYS_CLOCK_GETTIME, clock, (long)ts, 0);
}

static inline long sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return syscall3(SYS_NANOSLEEP, (long)req, (long)rem, 0);
}

static inline long sys_brk(void *addr)
{
	return syscall3(SYS_BRK, (long)addr, 0, 0);
}

#endif
