/* console.h: the one console. The hypervisor's own output (stdout) and every guest's (its UART,
 * SBI DBCN, SBI legacy putchar) leave through it to the host UART (SBI putchar before the host
 * UART is known). While several VMs run, a guest's output goes out a line at a time behind
 * "[vmN] ", so lines of different VMs never mix, whatever path they took. The console also owns
 * the host UART's input and decides which VM receives it: the lowest-numbered running VM with a
 * device that takes input (its UART), else the lowest-numbered running VM (SBI getchar). */
#ifndef HV_VM_CONSOLE_H
#define HV_VM_CONSOLE_H
#include "base/types.h"

struct vm;

#define CONSOLE_LINE_LEN 120   /* a longer line is split */

/* A VM's end of the console (it lives in struct vm). */
struct console_port {
	unsigned line_len;
	char line[CONSOLE_LINE_LEN];
	void (*input_ready)(void *ctx);   /* the device that takes input for this VM, or NULL */
	void *input_ctx;
};

void console_use_uart(uint64_t base, uint32_t reg_shift);
/* The hypervisor's own output (stdout goes here). */
void console_putc(char c);

/* A VM is built / destroyed: it may write, and it may own the input, in between. */
void console_register_vm(struct vm *vm);
void console_unregister_vm(struct vm *vm);
/* How many VMs run together: with more than one, guest output is prefixed line by line. */
void console_set_vm_count(int n);

/* Guest output, from any path. */
void console_vm_write(struct vm *vm, const char *buf, size_t len);
/* A device of vm that takes input: ready(ctx) is called when input waits for vm, and the device
 * pulls it with console_vm_getc while it has room. */
void console_attach_input(struct vm *vm, void (*ready)(void *ctx), void *ctx);
/* A byte typed for vm, or -1 (nothing typed, or another VM owns the input). */
int console_vm_getc(struct vm *vm);
/* Hands waiting input to the owning VM's input device; true when some running VM has one (then
 * the scheduler keeps looking at the console while guests run). */
bool console_poll_input(void);

#endif
