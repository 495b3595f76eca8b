/* embedded.c: looks files up in the table that tools/mkembed.sh generates (build/embedded.S). */
#include <string.h>
#include "core/embedded.h"

struct embedded_entry {
	const char *path;
	const uint8_t *start;
	const uint8_t *end;
};

extern const struct embedded_entry embedded_files[];

const struct embedded_file *embedded_find(const char *path)
{
	static struct embedded_file found;
	for (const struct embedded_entry *e = embedded_files; e->path; e++)
		if (!strcmp(e->path, path)) {
			found = (struct embedded_file){ e->path, e->start, (uint64_t)(e->end - e->start) };
			return &found;
		}
	return NULL;
}
