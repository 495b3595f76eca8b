/* cmdline.h: options on the hypervisor's command line (/chosen/bootargs), e.g. "vm=selftest trace=exits". */
#ifndef HV_BASE_CMDLINE_H
#define HV_BASE_CMDLINE_H
#include <stdbool.h>
#include <stddef.h>

/* Copies the value of key=value into out; false when the key is absent or the value does not fit. */
bool cmdline_get(const char *args, const char *key, char *out, size_t len);

/* Appends every word "guest.KEY=VALUE" of the hypervisor's command line args to a guest's
 * bootargs (size len) as " KEY=VALUE", so that `make run SEED=...` reaches the guest. Returns
 * false, leaving bootargs as it was, when the result would not fit. */
bool cmdline_append_guest_args(const char *args, char *bootargs, size_t len);

#endif
