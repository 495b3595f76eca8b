/* boot.h: what boot hands to the rest of the hypervisor. */
#ifndef HV_CORE_BOOT_H
#define HV_CORE_BOOT_H
#include "base/host_dtb.h"

void boot_main(unsigned long hartid, const void *dtb);
void secondary_main(unsigned long hartid, unsigned long opaque);
/* Runs every VM to its end; returns when nothing is left to run. */
void hv_run(const struct host_info *info);

#endif
