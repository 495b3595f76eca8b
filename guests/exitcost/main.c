/* exitcost: measures VM-exit round trips as the guest sees them (timebase ticks per N exits; with
 * QEMU -icount shift=0 one tick of the 10 MHz timebase is 100 instructions): a null SBI call
 * (BASE get_spec_version), a load of the emulated UART's LSR, and a plain loop for the baseline. */
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
	/* a few of each first: a short window to look at with QEMU -d in_asm,exec,nochain */
	measure_null_sbi(4);
	measure_uart_lsr(4);
	unsigned long sbi = measure_null_sbi(N), lsr = measure_uart_lsr(N), empty = measure_empty(N);
	printf("exitcost: measure null-sbi-call %lu ticks per %d calls\n", sbi, N);
	printf("exitcost: measure uart-lsr-load %lu ticks per %d loads\n", lsr, N);
	printf("exitcost: measure empty-loop %lu ticks per %d iterations\n", empty, N);
	return 0;
}
