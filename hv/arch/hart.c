/* hart.c: a hart's own set-up as it enters the hypervisor: its struct hart and thread-local block. */
#include <string.h>
#include "arch/this_hart.h"
#include "riscv/sbi_call.h"

_Static_assert(sizeof(struct hart) <= HART_SIZE, "struct hart outgrew HART_SIZE (base/limits.h)");
_Static_assert(offsetof(struct hart, tls) == 0, "tp points at the TLS block, which starts struct hart");

extern char __tdata_start[], __tdata_end[], __tbss_start[], __tbss_end[];
extern char harts[];

struct hart *hart_by_id(unsigned long id)
{
	return (struct hart *)(void *)(harts + id * HART_SIZE);
}

/* Called by entry.S with tp already at this hart's struct hart, before any C that uses TLS. */
void hart_init(unsigned long hartid)
{
	struct hart *h = this_hart();
	size_t tdata = (size_t)(__tdata_end - __tdata_start);
	size_t total = (size_t)(__tbss_end - __tdata_start);
	if (total > HART_TLS_SIZE)
		sbi_poweroff();   /* cannot even log: the TLS block is too small for picolibc */
	memset(h, 0, HART_SIZE);
	memcpy(h->tls, __tdata_start, tdata);
	h->id = hartid;
	h->slice_deadline = UINT64_MAX;
	h->guest_deadline = UINT64_MAX;
	h->online = true;
}
