/* fixup.c: the table of instructions that may fault on a guest address, and where each resumes. */
#include "riscv/fixup.h"

struct fixup_entry {
	unsigned long pc;
	unsigned long resume;
};

/* Entries come from the __fixup_table section that guest_access.S fills. */
extern const struct fixup_entry __fixup_start[] __attribute__((weak));
extern const struct fixup_entry __fixup_end[] __attribute__((weak));

unsigned long trap_fixup_lookup(unsigned long pc)
{
	for (const struct fixup_entry *e = __fixup_start; e < __fixup_end; e++)
		if (e->pc == pc)
			return e->resume;
	return 0;
}
