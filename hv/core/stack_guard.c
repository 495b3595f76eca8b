/* stack_guard.c: the stack-protector symbols libfdt.a (built with -fstack-protector) expects. */
#include "riscv/sbi_call.h"
#include "base/log.h"

unsigned long __stack_chk_guard = 0x5a17c0de2b0f9e11UL;

void __attribute__((noreturn)) __stack_chk_fail(void)
{
	log_error("stack smashing detected in the hypervisor; powering off");
	sbi_poweroff();
}
