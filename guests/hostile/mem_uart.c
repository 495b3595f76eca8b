/* mem_uart.c: the host UART's addresses from inside a VM. Expected: inside the VM's 16550 window
 * (0x10000000, 0x100 bytes) the emulated UART answers (scratch register keeps what the guest
 * wrote, LSR says "transmitter empty"); just past the window (0x10000100) a load stops the VM with
 * the hypervisor's "no RAM or device" diagnostic. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define UART 0x10000000UL

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	volatile unsigned char *u = (volatile unsigned char *)UART;
	u[7] = 0xa5;                                      /* SCR */
	printf("hostile: uart scratch reads 0x%x\n", u[7]);
	printf("hostile: uart lsr reads 0x%x\n", u[5]);
	printf("hostile: load past the uart window: 0x%x\n", *(volatile unsigned char *)(UART + 0x100));
	hostile_done("mem_uart");
}
