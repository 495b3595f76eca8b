/* fake_vdev_host.c: what the device kinds (hv/vdev/) need from the running hypervisor, for host
 * unit tests that compile the kinds themselves: the console, the files on the disk, the host
 * flash, the time. Nothing here is called by the parser or the guest-DTB builder; a test that
 * creates a device may look at what reached the console. */
#include <string.h>
#include "base/err.h"
#include "drivers/cfi_host.h"
#include "fs/files.h"
#include "vm/console.h"
#include "vm/vm.h"

char fake_console_out[256];
size_t fake_console_len;

void console_vm_write(struct vm *vm, const char *buf, size_t len)
{
	(void)vm;
	for (size_t i = 0; i < len && fake_console_len + 1 < sizeof(fake_console_out); i++)
		fake_console_out[fake_console_len++] = buf[i];
}

void console_attach_input(struct vm *vm, void (*ready)(void *ctx), void *ctx)
{
	vm->console.input_ready = ready;
	vm->console.input_ctx = ctx;
}

int console_vm_getc(struct vm *vm)
{
	(void)vm;
	return -1;
}

bool console_poll_input(void)
{
	return false;
}

const char *files_source(void)
{
	return "disk";
}

int files_open(const char *path, struct hv_file *f)
{
	(void)path;
	memset(f, 0, sizeof(*f));
	return HV_ENOENT;
}

int64_t files_read(void *ctx, uint64_t offset, void *dst, uint64_t len)
{
	(void)ctx; (void)offset; (void)dst; (void)len;
	return HV_EIO;
}

int files_write(struct hv_file *f, uint64_t offset, const void *src, uint64_t len)
{
	(void)f; (void)offset; (void)src; (void)len;
	return HV_EIO;
}

void cfi_host_read_array(hpa_t base)
{
	(void)base;
}

int cfi_host_sync(hpa_t base, const uint8_t *want, uint64_t lo, uint64_t hi)
{
	(void)base; (void)want; (void)lo; (void)hi;
	return HV_EIO;
}

uint64_t time_now(void)
{
	return 0;
}
