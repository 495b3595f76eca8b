/* embedded.c: looks files up in the table that tools/mkembed.sh generates (build/embedded.S). */
#include <string.h>
#include "fs/embedded.h"

struct embedded_entry {
	const char *path;
	const uint8_t *start;
	const uint8_t *end;
};

extern const struct embedded_entry embedded_files[];

bool embedded_find(const char *path, struct embedded_file *out)
{
	for (const struct embedded_entry *e = embedded_files; e->path; e++)
		if (!strcmp(e->path, path)) {
			*out = (struct embedded_file){ e->path, e->start, (uint64_t)(e->end - e->start) };
			return true;
		}
	return false;
}
