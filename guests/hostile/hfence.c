/* hfence.c: hypervisor fences from VS-mode. The H extension makes them virtual instructions;
 * the hypervisor does not emulate them, so the guest must see an illegal instruction. */
#include "hostile/common/hostile.h"

static void hfence_gvma(unsigned long arg)
{
	(void)arg;
	__asm__ volatile(".insn r 0x73, 0, 0x31, x0, x0, x0" ::: "memory");   /* hfence.gvma */
}

static void hfence_vvma(unsigned long arg)
{
	(void)arg;
	__asm__ volatile(".insn r 0x73, 0, 0x11, x0, x0, x0" ::: "memory");   /* hfence.vvma */
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	hostile_try("hfence.gvma", hfence_gvma, 0);
	hostile_try("hfence.vvma", hfence_vvma, 0);
	hostile_done("hfence");
}
