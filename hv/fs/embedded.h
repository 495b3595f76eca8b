/* embedded.h: files linked into the hypervisor image (guests and VM descriptions) when there is no disk. */
#ifndef HV_FS_EMBEDDED_H
#define HV_FS_EMBEDDED_H
#include "base/types.h"

struct embedded_file {
	const char *path;        /* e.g. "/sbin/skernel", "/vm/simple_hv.dtb" */
	const uint8_t *data;
	uint64_t size;
};

/* Fills *out with the file at path; false when there is none. */
bool embedded_find(const char *path, struct embedded_file *out);

#endif
