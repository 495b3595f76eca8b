/* mem_ram_end.c: accesses at the end of the VM's RAM (0x80000000 + 16 MiB). Expected: the last
 * byte and the last doubleword are the guest's; an 8-byte load straddling the end is a misaligned
 * access the hart splits (QEMU; hardware may instead raise a misaligned exception, which goes to
 * the guest), and its part past the end is a guest-page fault at 0x81000000 (stval is that page
 * boundary, as the H extension allows): the VM stops with the "no RAM or device" diagnostic. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define RAM_END (HOSTILE_RAM_BASE + HOSTILE_RAM_SIZE)

/* ld a0,4(a0) with a0 = end - 8: a doubleword at end - 4, whose last 4 bytes are past the end */
static void load_straddling(unsigned long addr)
{
	register unsigned long a0 __asm__("a0") = addr - 4;
	__asm__ volatile("ld a0, 4(a0)" : "+r"(a0) : : "memory");
}

static void load8(unsigned long addr)
{
	*(volatile unsigned char *)addr = 0x5a;
	(void)*(volatile unsigned char *)addr;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	hostile_try("store and load of the last byte", load8, RAM_END - 1);
	hostile_try("load of the last doubleword", hostile_load64, RAM_END - 8);
	hostile_try("load straddling the end", load_straddling, RAM_END - 4);
	hostile_done("mem_ram_end");
}
