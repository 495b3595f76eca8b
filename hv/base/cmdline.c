/* cmdline.c: finds key=value words in the hypervisor's command line, and the guest.KEY=VALUE words
 * it passes on to guests (portable). */
#include <string.h>
#include "base/cmdline.h"

bool cmdline_get(const char *args, const char *key, char *out, size_t len)
{
	size_t klen = strlen(key);
	const char *p = args;
	while (p && *p) {
		while (*p == ' ')
			p++;
		size_t word = strcspn(p, " ");
		if (word > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			size_t vlen = word - klen - 1;
			if (vlen >= len)
				return false;
			memcpy(out, p + klen + 1, vlen);
			out[vlen] = 0;
			return true;
		}
		p += word;
	}
	return false;
}

#define GUEST_PREFIX "guest."

bool cmdline_append_guest_args(const char *args, char *bootargs, size_t len)
{
	size_t plen = strlen(GUEST_PREFIX), used = strnlen(bootargs, len), start = used;
	const char *p = args;
	if (used >= len)
		return false;
	while (p && *p) {
		while (*p == ' ')
			p++;
		size_t word = strcspn(p, " ");
		if (word > plen && !strncmp(p, GUEST_PREFIX, plen)) {
			size_t add = word - plen + (used ? 1 : 0);
			if (used + add >= len) {
				bootargs[start] = 0;   /* all or nothing */
				return false;
			}
			if (used)
				bootargs[used++] = ' ';
			memcpy(bootargs + used, p + plen, word - plen);
			used += word - plen;
			bootargs[used] = 0;
		}
		p += word;
	}
	return true;
}
