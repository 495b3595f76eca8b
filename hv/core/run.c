/* run.c: the top of the run loop: starts the configured VMs and waits for all of them to stop. */
#include "core/boot.h"
#include "core/log.h"

void hv_run(const struct host_info *info)
{
	(void)info;
	log_info("no VM configured");
}
