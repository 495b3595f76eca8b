/* hlv_hsv.c: hypervisor virtual-machine loads and stores from VS-mode. The H extension makes them
 * virtual instructions; the hypervisor does not emulate them, so the guest must see an illegal
 * instruction (stval = the instruction bits), and no hsv may have written memory. */
#include <stdio.h>
#include "hostile/common/hostile.h"

static volatile unsigned long target = 0x1122334455667788UL;

/* Each runs one instruction with a0 = the address of target (and a1 = all ones for hsv). */
#define HLSV(name, enc)                                                                     \
	static void name(unsigned long addr)                                                \
	{                                                                                   \
		register unsigned long a0 __asm__("a0") = addr;                             \
		register unsigned long a1 __asm__("a1") = ~0UL;                             \
		__asm__ volatile(".word " #enc : "+r"(a0) : "r"(a1) : "memory");            \
	}

HLSV(hlv_b, 0x60054573)      /* hlv.b   a0,(a0) */
HLSV(hlv_w, 0x68054573)      /* hlv.w   a0,(a0) */
HLSV(hlv_d, 0x6c054573)      /* hlv.d   a0,(a0) */
HLSV(hlvx_hu, 0x64354573)    /* hlvx.hu a0,(a0) */
HLSV(hlvx_wu, 0x68354573)    /* hlvx.wu a0,(a0) */
HLSV(hsv_w, 0x6ab54073)      /* hsv.w   a1,(a0) */
HLSV(hsv_d, 0x6eb54073)      /* hsv.d   a1,(a0) */

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	unsigned long t = (unsigned long)&target;
	hostile_try("hlv.b", hlv_b, t);
	hostile_try("hlv.w", hlv_w, t);
	hostile_try("hlv.d", hlv_d, t);
	hostile_try("hlvx.hu", hlvx_hu, t);
	hostile_try("hlvx.wu", hlvx_wu, t);
	hostile_try("hsv.w", hsv_w, t);
	hostile_try("hsv.d", hsv_d, t);
	printf("hostile: hsv target afterwards: 0x%lx\n", target);
	hostile_done("hlv_hsv");
}
