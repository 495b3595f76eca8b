/* isa.h: a hart's ISA as the host DTB states it: the string list riscv,isa-extensions (the current
 * binding) when present, else the riscv,isa string, of any length. Both stay where they are, in the
 * host DTB (which the hypervisor keeps): nothing is copied, so nothing is cut short. Portable. */
#ifndef HV_BASE_ISA_H
#define HV_BASE_ISA_H
#include "base/types.h"

struct host_isa {
	const char *string;     /* riscv,isa, NUL-terminated; NULL when absent */
	const char *list;       /* riscv,isa-extensions: names, each NUL-terminated; NULL when absent */
	int list_len;           /* bytes of list */
};

/* Checks and keeps the two properties (pointers and lengths as libfdt gives them; NULL when
 * absent). HV_OK, or HV_EINVAL with one line in err naming what cannot be parsed. When both are
 * there and disagree, the list wins. */
int host_isa_set(struct host_isa *isa, const char *string, int string_len, const char *list, int list_len,
		 char *err, size_t errlen);
/* Whether the hart has the extension: a single letter ("h") or a multi-letter name ("sstc"). */
bool host_isa_has(const struct host_isa *isa, const char *name);

/* On a riscv,isa string: the single-letter extension c (after "rv64"/"rv32"), e.g. 'h'; and the
 * multi-letter extension name, e.g. "sstc". */
bool isa_has_letter(const char *isa, char c);
bool isa_has_extension(const char *isa, const char *name);

#endif
