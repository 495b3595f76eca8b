/* err.h: the hypervisor's error codes; every failing function returns one of these (negative). */
#ifndef HV_BASE_ERR_H
#define HV_BASE_ERR_H

#define HV_OK          0
#define HV_ENOMEM     -1   /* out of memory or no free range */
#define HV_EINVAL     -2   /* bad argument or malformed input */
#define HV_ENOENT     -3   /* not found */
#define HV_ERANGE     -4   /* address or length outside what is allowed */
#define HV_EIO        -5   /* device I/O failed */
#define HV_EEXIST     -6   /* already present or already mapped */
#define HV_ENOTSUP    -7   /* not supported */
#define HV_EFAULT     -8   /* guest access faulted */
#define HV_ECORRUPT   -9   /* structure on disk or in memory is corrupt */

const char *hv_strerror(int err);

#endif
