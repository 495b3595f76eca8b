/* runtime.c: per-hart thread-local blocks, the hart id, and the ways out (shutdown, hart stop). */
#include <stddef.h>
#include "lib/console.h"
#include "lib/csr.h"
#include "lib/guest.h"
#include "lib/sbi.h"

extern char __tdata_start[], __tdata_end[], __tbss_end[];
extern char guest_tls[];

static _Thread_local unsigned long this_hart_id;

void guest_tls_init(unsigned long hartid)
{
	char *block = guest_tls + hartid * GUEST_TLS_SIZE;
	size_t tdata = (size_t)(__tdata_end - __tdata_start);
	size_t total = (size_t)(__tbss_end - __tdata_start);

	if (total > GUEST_TLS_SIZE)
		sbi_shutdown(true);   /* cannot print: the console's buffer is thread-local */
	for (size_t i = 0; i < GUEST_TLS_SIZE; i++)
		block[i] = i < tdata ? __tdata_start[i] : 0;
	this_hart_id = hartid;
}

unsigned long guest_hart_id(void)
{
	return this_hart_id;
}

void guest_exit(int code)
{
	console_flush();
	sbi_shutdown(code != 0);
}

void guest_hart_stop(void)
{
	console_flush();
	csr_write(CSR_SIE, 0);
	sbi_hart_stop();
	for (;;)
		wfi();
}
