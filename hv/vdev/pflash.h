/* pflash.h: the device kind "cfi-flash": the guest's CFI flash, the host bank passed through
 * (mapped on first touch) or the CFI model of pflash/ with read-only array mappings and
 * write-back to a disk file or the host bank. */
#ifndef HV_VDEV_PFLASH_H
#define HV_VDEV_PFLASH_H
#include "base/limits.h"
#include "vm/device.h"

struct pflash_props {
	char mode[16];                    /* "passthrough" or "emulate" */
	char backing[VMCFG_PATH_LEN];     /* "host" or a path on the disk */
};

extern const struct vdev_kind vdev_pflash;

#endif
