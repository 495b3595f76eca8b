/* start.c: the entry point, first in the image (section .text.entry at 0x1000): the kernel enters
 * here in U-mode with sp at the top of the stack; main's return value becomes the exit code. */
#include "syscall.h"

int main(void);

__asm__(".section .text.entry, \"ax\"\n"
	".globl _start\n"
	"_start:\n"
	"	call	main\n"
	"	li	a7, 93\n"              /* exit(a0) */
	"	ecall\n"
	"1:	j	1b\n"
	".previous\n");
