/* exitcost: measures VM-exit round trips as the guest sees them (timebase ticks per N exits; with
 * QEMU -icount shift=0 one tick of the 10 MHz timebase is 100 instructions): a null SBI call
 * (BASE get_spec_version), a load of the emulated UART's LSR, and a plain loop for the baseline. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "lib/csr.h"
#include "lib/sbi.h"

#define UART_LSR ((volatile uint8_t *)0x10000005UL)
enum { N = 1000 };

static unsigned long measure_null_sbi(int n)
{
	unsigned long t0 = rdtime();
	for (int i = 0; i < n; i++)
		sbi_get_spec_version();
	return rdtime() - t0;
}

static unsigned long measure_uart_lsr(int n)
{
	unsigned long t0 = rdtime();
	for (int i = 0; i < n; i++)
		(void)*UART_LSR;
	return rdtime() - t0;
}

static unsigned long measure_empty(int n)
{
	unsigned long t0 = rdtime();
	for (int i = 0; i < n; i++)
		__asm__ volatile("" ::: "memory");
	return rdtime() - t0;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid;
	(void)dtb;
	/* the answers of the hypervisor's fast path are the SBI server's, and the callee-saved
	 * registers it does not save on the way survive the calls */
	register unsigned long s2 __asm__("s2") = 0x5a5a0002UL, s11 __asm__("s11") = 0x5a5a0011UL;
	register unsigned long a7 __asm__("a7") = SBI_EXT_BASE, a6 __asm__("a6") = SBI_BASE_GET_SPEC_VERSION;
	register unsigned long a0 __asm__("a0"), a1 __asm__("a1");
	__asm__ volatile("ecall" : "=r"(a0), "=r"(a1), "+r"(s2), "+r"(s11) : "r"(a7), "r"(a6) : "memory");
	unsigned long error = a0, spec = a1;   /* a0/a1 themselves are the next call's */
	long impl = sbi_get_impl_id();
	bool ok = error == 0 && spec == (2UL << 24) && impl == 0x48525456L && s2 == 0x5a5a0002UL &&
		  s11 == 0x5a5a0011UL;
	printf("exitcost: fast-path checks %s\n", ok ? "passed" : "FAILED");
	if (!ok)
		printf("exitcost: error=%ld spec=0x%lx impl=0x%lx s2=0x%lx s11=0x%lx\n", (long)error, spec, (unsigned long)impl, s2, s11);
	/* a few of each first: a short window to look at with QEMU -d in_asm,exec,nochain */
	measure_null_sbi(4);
	measure_uart_lsr(4);
	unsigned long sbi = measure_null_sbi(N), lsr = measure_uart_lsr(N), empty = measure_empty(N);
	printf("exitcost: measure null-sbi-call %lu ticks per %d calls\n", sbi, N);
	printf("exitcost: measure uart-lsr-load %lu ticks per %d loads\n", lsr, N);
	printf("exitcost: measure empty-loop %lu ticks per %d iterations\n", empty, N);
	return 0;
}
