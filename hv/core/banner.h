/* banner.h: the one-screen summary of the machine printed at boot. */
#ifndef HV_CORE_BANNER_H
#define HV_CORE_BANNER_H
#include "base/host_dtb.h"

void banner_print(const struct host_info *info, const void *dtb, uint64_t image_start, uint64_t image_end);
/* "128 MiB", "256 KiB", "1 GiB" or "N bytes" into buf. */
const char *size_str(char *buf, int len, uint64_t bytes);

#endif
