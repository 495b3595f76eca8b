/* cmdline.h: options on the hypervisor's command line (/chosen/bootargs), e.g. "vm=selftest trace=exits". */
#ifndef HV_CORE_CMDLINE_H
#define HV_CORE_CMDLINE_H
#include <stdbool.h>
#include <stddef.h>

/* Copies the value of key=value into out; false when the key is absent or the value does not fit. */
bool cmdline_get(const char *args, const char *key, char *out, size_t len);

#endif
