/* stack_guard.c: the stack-protector symbols libfdt.a (built with -fstack-protector) expects. */
#include <stdio.h>
#include "lib/guest.h"

unsigned long __stack_chk_guard = 0x5a17c0de2b0f9e11UL;

void __attribute__((noreturn)) __stack_chk_fail(void)
{
	printf("guest: stack smashing detected; shutting down\n");
	guest_exit(1);
}
