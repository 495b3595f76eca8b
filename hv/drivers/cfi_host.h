/* cfi_host.h: programs the host's own CFI flash bank (QEMU virt's pflash_cfi01: 32-bit bus of two
 * x16 devices, 256 KiB blocks), so that data an emulated flash wrote reaches QEMU's backing file. */
#ifndef HV_DRIVERS_CFI_HOST_H
#define HV_DRIVERS_CFI_HOST_H
#include "base/types.h"

#define CFI_HOST_BLOCK (256u * 1024u)

/* Puts the bank at base in read-array mode, so plain loads return its contents. */
void cfi_host_read_array(hpa_t base);
/* Makes host bytes [lo, hi) of the bank at base equal want[lo, hi) (want covers the whole bank):
 * programs the 32-bit words that differ, and erases a block first (reprogramming its other words)
 * where a bit must go from 0 to 1. Leaves the bank in read-array mode. HV_EIO on a device error. */
int cfi_host_sync(hpa_t base, const uint8_t *want, uint64_t lo, uint64_t hi);

#endif
