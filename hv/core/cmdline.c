/* cmdline.c: finds key=value words in the hypervisor's command line (portable). */
#include <string.h>
#include "core/cmdline.h"

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
