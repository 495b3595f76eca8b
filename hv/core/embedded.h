/* embedded.h: files linked into the hypervisor image (guests and VM descriptions) until a disk serves them. */
#ifndef HV_CORE_EMBEDDED_H
#define HV_CORE_EMBEDDED_H
#include "core/types.h"

struct embedded_file {
	const char *path;        /* e.g. "/sbin/skernel", "/vm/simple_hv.dtb" */
	const uint8_t *data;
	uint64_t size;
};

/* The file at path, or NULL. */
const struct embedded_file *embedded_find(const char *path);

#endif
