/* console.c: the one console (see console.h): picolibc's stdout, guest output with per-VM line
 * buffering, and the host UART's input for the VM that owns it. */
#include <stdio.h>
#include "base/limits.h"
#include "drivers/uart16550.h"
#include "riscv/sbi_call.h"
#include "vm/console.h"
#include "vm/vm.h"

static bool have_uart;
static struct vm *vms[VM_MAX];   /* registered VMs, by id */
static int running_vms = 1;

void console_use_uart(uint64_t base, uint32_t reg_shift)
{
	uart16550_init(base, reg_shift);
	have_uart = true;
}

void console_putc(char c)
{
	if (c == '\n')
		console_putc('\r');
	if (have_uart)
		uart16550_putc(c);
	else
		sbi_legacy_putchar(c);
}

static int host_getc(void)
{
	return have_uart ? uart16550_getc() : -1;
}

static int stdout_put(char c, FILE *file)
{
	(void)file;
	console_putc(c);
	return (unsigned char)c;
}

static FILE console_stream = FDEV_SETUP_STREAM(stdout_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;

/* ---- VMs ---- */

void console_register_vm(struct vm *vm)
{
	if (vm->id >= 0 && vm->id < VM_MAX)
		vms[vm->id] = vm;
	vm->console = (struct console_port){ 0 };
}

void console_unregister_vm(struct vm *vm)
{
	if (vm->id >= 0 && vm->id < VM_MAX && vms[vm->id] == vm)
		vms[vm->id] = NULL;
}

void console_set_vm_count(int n)
{
	running_vms = n;
}

/* With several VMs, each line goes out whole with "[vmN] " in front (a line longer than the
 * buffer is split). */
static void vm_putc_line(struct vm *vm, char c)
{
	struct console_port *p = &vm->console;
	p->line[p->line_len++] = c;
	if (c != '\n' && p->line_len < sizeof(p->line))
		return;
	printf("[vm%d] %.*s%s", vm->id, (int)p->line_len, p->line, c == '\n' ? "" : "\n");
	p->line_len = 0;
}

/* One VM writes straight through. */
void console_vm_write(struct vm *vm, const char *buf, size_t len)
{
	if (running_vms <= 1) {
		for (size_t i = 0; i < len; i++)
			console_putc(buf[i]);
		return;
	}
	for (size_t i = 0; i < len; i++)
		vm_putc_line(vm, buf[i]);
}

void console_attach_input(struct vm *vm, void (*ready)(void *ctx), void *ctx)
{
	vm->console.input_ready = ready;
	vm->console.input_ctx = ctx;
}

static bool running(const struct vm *vm)
{
	return vm && (vm->state == VM_READY || vm->state == VM_RUNNING);
}

/* The VM that receives what is typed: the first running one with an input device, else the
 * first running one. */
static struct vm *input_owner(void)
{
	struct vm *first = NULL;
	for (int i = 0; i < VM_MAX; i++) {
		if (!running(vms[i]))
			continue;
		if (vms[i]->console.input_ready)
			return vms[i];
		if (!first)
			first = vms[i];
	}
	return first;
}

int console_vm_getc(struct vm *vm)
{
	return vm == input_owner() ? host_getc() : -1;
}

bool console_poll_input(void)
{
	struct vm *owner = input_owner();
	if (!owner || !owner->console.input_ready)
		return false;
	owner->console.input_ready(owner->console.input_ctx);
	return true;
}
