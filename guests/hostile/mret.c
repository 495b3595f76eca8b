/* mret.c: mret and dret from VS-mode. Neither is valid below M-mode (dret: outside Debug Mode),
 * so the hart raises illegal-instruction and the guest must see it with stval = the bits. */
#include "hostile/common/hostile.h"

static void mret(unsigned long arg)
{
	(void)arg;
	__asm__ volatile("mret" ::: "memory");
}

static void dret(unsigned long arg)
{
	(void)arg;
	__asm__ volatile(".word 0x7b200073" ::: "memory");   /* dret */
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	hostile_try("mret", mret, 0);
	hostile_try("dret", dret, 0);
	hostile_done("mret");
}
