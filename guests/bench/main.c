/* main.c: the bench guest: measures one figure, chosen by the bootargs word bench=NAME (iters=N
 * scales the iteration count), and prints it as "bench: NAME T ticks per N". Under -icount
 * shift=0 one tick of the 10 MHz timebase is 100 guest instructions. The same binary runs under
 * Hartvisor (VS-mode) and directly on OpenSBI (S-mode) for the overhead ratios. */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/csr.h"
#include "lib/fdt.h"
#include "lib/sbi.h"
#include "lib/trap.h"

#define WALK_BASE   0x80400000UL       /* above the image, below any DTB QEMU or Hartvisor places */
#define WALK_SIZE   (64UL << 20)
#define WALK_STRIDE 64UL

#define CMD(c)      ((uint32_t)(c) << 16 | (uint32_t)(c))   /* a CFI command to both devices */

/* The value of word key=VALUE in the space-separated s, or def. */
static unsigned long arg_ulong(const char *s, const char *key, unsigned long def)
{
	size_t klen = strlen(key);
	while (*s) {
		while (*s == ' ')
			s++;
		size_t len = strcspn(s, " ");
		if (len > klen && !strncmp(s, key, klen) && s[klen] == '=')
			return strtoul(s + klen + 1, NULL, 0);
		s += len;
	}
	return def;
}

/* Copies the value of word key=VALUE into out (empty when absent). */
static void arg_str(const char *s, const char *key, char *out, size_t n)
{
	size_t klen = strlen(key);
	out[0] = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		size_t len = strcspn(s, " ");
		if (len > klen && !strncmp(s, key, klen) && s[klen] == '=') {
			size_t v = len - klen - 1 < n - 1 ? len - klen - 1 : n - 1;
			memcpy(out, s + klen + 1, v);
			out[v] = 0;
			return;
		}
		s += len;
	}
}

static void report(const char *name, unsigned long ticks, unsigned long n)
{
	printf("bench: %s %lu ticks per %lu\n", name, ticks, n);
}

static unsigned long bench_null_sbi(unsigned long n)
{
	unsigned long t0 = rdtime();
	for (unsigned long i = 0; i < n; i++)
		(void)sbi_get_spec_version();
	return rdtime() - t0;
}

static unsigned long bench_dbcn_byte(unsigned long n)
{
	unsigned long t0 = rdtime();
	for (unsigned long i = 0; i < n; i++)
		(void)sbi_debug_console_write_byte('\r');   /* invisible on the console */
	return rdtime() - t0;
}

static unsigned long bench_mmio_lsr(const void *dtb, unsigned long n)
{
	uint64_t base = 0x10000000, size;
	(void)guest_fdt_find_reg(dtb, "ns16550a", &base, &size);
	volatile uint8_t *lsr = (volatile uint8_t *)(uintptr_t)(base + 5);
	unsigned sink = 0;
	unsigned long t0 = rdtime();
	for (unsigned long i = 0; i < n; i++)
		sink += *lsr;
	unsigned long t = rdtime() - t0;
	if (sink == 0)
		printf("bench: note: LSR read 0 (no THRE)\n");
	return t;
}

/* Reads in command mode (read status): every read is an exit to the emulated flash. */
static unsigned long bench_pflash_status(const void *dtb, unsigned long n)
{
	uint64_t base = 0x22000000, size;
	(void)guest_fdt_find_reg(dtb, "cfi-flash", &base, &size);
	volatile uint32_t *addr = (volatile uint32_t *)(uintptr_t)base;
	uint32_t sink = 0;
	*addr = CMD(0x70);
	unsigned long t0 = rdtime();
	for (unsigned long i = 0; i < n; i++)
		sink += *addr;
	unsigned long t = rdtime() - t0;
	*addr = CMD(0xff);
	(void)sink;
	return t;
}

/* csrr mhartid from VS-mode: an illegal instruction the hypervisor emulates (csr-emulate). */
static unsigned long bench_csr_mhartid(unsigned long n)
{
	unsigned long v = 0, sink = 0;
	unsigned long t0 = rdtime();
	for (unsigned long i = 0; i < n; i++) {
		__asm__ volatile("csrr %0, mhartid" : "=r"(v));
		sink += v;
	}
	unsigned long t = rdtime() - t0;
	printf("bench: mhartid reads as 0x%lx\n", v);
	(void)sink;
	return t;
}

/* Timer: deadline to handler entry, per interrupt (SBI set_timer; with sstc=false the hypervisor
 * delivers it through hvip.VSTIP). */
static volatile unsigned long timer_hits, timer_latency, timer_deadline;

static bool timer_trap(struct guest_trap_frame *f)
{
	if (!trap_is_interrupt(f->scause) || trap_code(f->scause) != IRQ_S_TIMER)
		return false;
	timer_latency += rdtime() - timer_deadline;
	timer_hits++;
	sbi_set_timer(-1UL);
	return true;
}

static unsigned long bench_timer(unsigned long n)
{
	guest_set_trap_handler(timer_trap);
	csr_set(CSR_SIE, MIP_STIP);
	csr_set(CSR_SSTATUS, SSTATUS_SIE);
	for (unsigned long i = 0; i < n; i++) {
		unsigned long before = timer_hits;
		timer_deadline = rdtime() + 20;
		sbi_set_timer(timer_deadline);
		unsigned long spins = 0;
		while (timer_hits == before && ++spins < 100000000UL)
			__asm__ volatile("nop");
		if (timer_hits == before) {
			printf("bench: timer interrupt %lu never came\n", i);
			break;
		}
	}
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
	return timer_latency;
}

/* Registers only: an xorshift loop the compiler cannot drop. */
static unsigned long bench_compute(unsigned long n)
{
	unsigned long x = 88172645463325252UL;
	unsigned long t0 = rdtime();
	for (unsigned long i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		__asm__ volatile("" : "+r"(x));
	}
	unsigned long t = rdtime() - t0;
	printf("bench: compute checksum 0x%lx\n", x);
	return t;
}

/* Writes then reads one word per 64 bytes over 64 MiB of RAM, passes times. */
static unsigned long bench_walk(unsigned long passes)
{
	unsigned long sum = 0;
	unsigned long t0 = rdtime();
	for (unsigned long p = 0; p < passes; p++) {
		for (unsigned long a = WALK_BASE; a < WALK_BASE + WALK_SIZE; a += WALK_STRIDE)
			*(volatile unsigned long *)a = a ^ p;
		for (unsigned long a = WALK_BASE; a < WALK_BASE + WALK_SIZE; a += WALK_STRIDE)
			sum += *(volatile unsigned long *)a;
	}
	unsigned long t = rdtime() - t0;
	printf("bench: walk checksum 0x%lx\n", sum);
	return t;
}

int main(unsigned long hartid, unsigned long dtb)
{
	const void *fdt = (const void *)dtb;
	const char *args = guest_fdt_bootargs(fdt);
	char name[32];
	(void)hartid;
	printf("bench: hello, bootargs \"%s\"\n", args);
	arg_str(args, "bench", name, sizeof(name));
	unsigned long scale = arg_ulong(args, "iters", 0);
#define N(def) (scale ? scale : (def))
	unsigned long n, t;
	if (!strcmp(name, "hello")) {
		return 0;
	} else if (!strcmp(name, "null-sbi")) {
		t = bench_null_sbi(n = N(10000));
	} else if (!strcmp(name, "dbcn-byte")) {
		t = bench_dbcn_byte(n = N(10000));
	} else if (!strcmp(name, "mmio-lsr")) {
		t = bench_mmio_lsr(fdt, n = N(10000));
	} else if (!strcmp(name, "pflash-read")) {
		t = bench_pflash_status(fdt, n = N(10000));
	} else if (!strcmp(name, "csr-mhartid")) {
		t = bench_csr_mhartid(n = N(10000));
	} else if (!strcmp(name, "timer")) {
		t = bench_timer(n = N(1000));
	} else if (!strcmp(name, "compute")) {
		t = bench_compute(n = N(20000000));
	} else if (!strcmp(name, "walk")) {
		t = bench_walk(n = N(4));
	} else {
		printf("bench: unknown bench=%s\n", name);
		return 1;
	}
	report(name, t, n);
	return 0;
}
