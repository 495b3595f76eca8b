/* hcsr.c: reads and writes of hypervisor (h*) and VS (vs*) CSRs from VS-mode. The H extension
 * makes them virtual instructions (hgeip writes: illegal); the hypervisor does not emulate them, so
 * each must reach the guest as an illegal instruction (stval = the bits), and none of the writes
 * (each picks the most harmful value) may change the real CSR: afterwards ebreak still goes
 * straight to the guest (hedeleg), no interrupt arrives (hvip), time has not jumped (htimedelta),
 * and the guest's RAM is still its own (hgatp). */
#include <stdio.h>
#include "hostile/common/hostile.h"

/* Tries csrr a0,csr and csrw csr,a0 (a0 = value); prints both outcomes on one line. */
#define TRY_HCSR(num, name, value)                                                          \
	do {                                                                                \
		unsigned long r0, w0, rs, ws;                                               \
		r0 = hostile_trap.count;                                                    \
		__asm__ volatile("csrr a0, " #num ::: "a0", "memory");                      \
		rs = hostile_trap.count != r0 ? hostile_trap.stval : 0;                     \
		r0 = hostile_trap.count != r0 ? trap_code(hostile_trap.scause) : 0;         \
		w0 = hostile_trap.count;                                                    \
		__asm__ volatile("mv a0, %0\n\tcsrw " #num ", a0" : : "r"(value) : "a0", "memory"); \
		ws = hostile_trap.count != w0 ? hostile_trap.stval : 0;                     \
		w0 = hostile_trap.count != w0 ? trap_code(hostile_trap.scause) : 0;         \
		printf("hostile: %s: read trap %lu stval=0x%lx, write trap %lu stval=0x%lx\n", \
		       name, r0, rs, w0, ws);                                               \
	} while (0)

static volatile unsigned long marker;

static void ebreak(unsigned long arg)
{
	(void)arg;
	__asm__ volatile("ebreak" ::: "memory");
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	marker = 0x600dcafe;
	unsigned long t0 = rdtime();
	TRY_HCSR(0x600, "hstatus", 0UL);
	TRY_HCSR(0x602, "hedeleg", 0UL);
	TRY_HCSR(0x603, "hideleg", 0UL);
	TRY_HCSR(0x604, "hie", ~0UL);
	TRY_HCSR(0x605, "htimedelta", 1UL << 62);
	TRY_HCSR(0x606, "hcounteren", 0UL);
	TRY_HCSR(0x60a, "henvcfg", 0UL);
	TRY_HCSR(0x645, "hvip", ~0UL);
	TRY_HCSR(0x680, "hgatp", 0UL);
	TRY_HCSR(0xe12, "hgeip", ~0UL);
	TRY_HCSR(0x200, "vsstatus", ~0UL);
	TRY_HCSR(0x205, "vstvec", 0UL);
	TRY_HCSR(0x280, "vsatp", ~0UL);
	/* the real CSRs are as the hypervisor set them */
	hostile_try("ebreak afterwards", ebreak, 0);
	__asm__ volatile("csrw sie, %0\n\tcsrsi sstatus, 2\n\tnop\n\tnop\n\tcsrci sstatus, 2\n\tcsrw sie, zero"
			 : : "r"(0x222UL) : "memory");
	printf("hostile: no interrupt with sie enabled\n");
	unsigned long dt = rdtime() - t0;
	printf("hostile: time moved %s\n", dt < 10UL * 10000000UL ? "normally" : "by a jump");
	printf("hostile: guest RAM marker reads 0x%lx\n", marker);
	hostile_done("hcsr");
}
