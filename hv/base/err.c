/* err.c: names for the hypervisor's error codes. */
#include "base/err.h"

const char *hv_strerror(int err)
{
	switch (err) {
	case HV_OK: return "ok";
	case HV_ENOMEM: return "out of memory";
	case HV_EINVAL: return "invalid argument";
	case HV_ENOENT: return "not found";
	case HV_ERANGE: return "out of range";
	case HV_EIO: return "I/O error";
	case HV_EEXIST: return "already exists";
	case HV_ENOTSUP: return "not supported";
	case HV_EFAULT: return "fault";
	case HV_ECORRUPT: return "corrupt data";
	default: return "unknown error";
	}
}
