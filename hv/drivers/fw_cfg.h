/* fw_cfg.h: QEMU's firmware configuration device (MMIO), read for the -append command line. */
#ifndef HV_DRIVERS_FW_CFG_H
#define HV_DRIVERS_FW_CFG_H
#include "base/types.h"

/* Copies QEMU's command line (-append) into buf, NUL-terminated and cut to fit; returns its
 * length, or 0 when there is none. QEMU puts it here instead of the DTB when the second flash
 * bank holds a drive (it then boots that bank as S-mode firmware and keeps -kernel for it). */
size_t fw_cfg_read_cmdline(uint64_t base, char *buf, size_t len);

#endif
