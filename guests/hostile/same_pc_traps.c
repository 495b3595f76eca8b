/* same_pc_traps.c: one illegal instruction run 200 times from the same address, the handler
 * skipping it each time, the way an OS runs one user program after another at one address. That
 * is progress, not a trap loop: the hypervisor must inject every one and keep the VM running.
 * (A real loop, an exception at the trap vector's own first instruction, is traploop's case.) */
#include <stdio.h>
#include "hostile/common/hostile.h"

static void __attribute__((noinline)) illegal_at_one_pc(unsigned long arg)
{
	(void)arg;
	__asm__ volatile("csrr a0, mstatus" ::: "a0");
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	unsigned long first_pc = 0, same = 0;
	for (int i = 0; i < 200; i++) {
		unsigned long before = hostile_trap.count;
		illegal_at_one_pc(0);
		if (hostile_trap.count == before + 1 && (!first_pc || hostile_trap.sepc == first_pc))
			same++;
		first_pc = hostile_trap.sepc;
	}
	printf("hostile: %lu of 200 illegal instructions at pc 0x%lx came back to the guest\n", same, first_pc);
	hostile_done("same_pc_traps");
}
