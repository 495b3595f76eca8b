/* isa.c: a hart's ISA from the host DTB (see isa.h). */
#include <stdio.h>
#include <string.h>
#include "base/err.h"
#include "base/isa.h"

static bool lower_or_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* "rv64" or "rv32", single letters, then '_'-separated names of letters and digits. */
static bool string_valid(const char *s, int len)
{
	if (len < 5 || s[len - 1] || (int)strlen(s) != len - 1)
		return false;
	if (strncmp(s, "rv64", 4) && strncmp(s, "rv32", 4))
		return false;
	const char *p = s + 4;
	while (*p >= 'a' && *p <= 'z')
		p++;
	while (*p == '_') {
		const char *name = ++p;
		while (lower_or_digit(*p))
			p++;
		if (p == name)
			return false;
	}
	return *p == 0;
}

/* Names of letters and digits, each NUL-terminated, none empty. */
static bool list_valid(const char *l, int len)
{
	if (len < 2 || l[len - 1])
		return false;
	for (int i = 0; i < len; i++) {
		if (!l[i] && (i == 0 || !l[i - 1]))
			return false;
		if (l[i] && !lower_or_digit(l[i]))
			return false;
	}
	return true;
}

/* The property, printable, for an error line (at most n characters of it). */
static void quote(char *out, size_t n, const char *p, int len)
{
	size_t k = 0;
	if (len > 0 && !p[len - 1])
		len--;                           /* the terminating NUL */
	for (int i = 0; i < len && k + 1 < n; i++)
		out[k++] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : p[i] ? '?' : ',';
	out[k] = 0;
}

int host_isa_set(struct host_isa *isa, const char *string, int string_len, const char *list, int list_len,
		 char *err, size_t errlen)
{
	char shown[48];
	*isa = (struct host_isa){ 0 };
	if (list && !list_valid(list, list_len)) {
		quote(shown, sizeof(shown), list, list_len);
		snprintf(err, errlen, "riscv,isa-extensions \"%s\" is not a list of extension names", shown);
		return HV_EINVAL;
	}
	if (string && !string_valid(string, string_len)) {
		quote(shown, sizeof(shown), string, string_len);
		snprintf(err, errlen, "riscv,isa \"%s\" is not an ISA string (rv64 or rv32, letters, _names)", shown);
		return HV_EINVAL;
	}
	if (!string && !list) {
		snprintf(err, errlen, "the boot hart has neither riscv,isa-extensions nor riscv,isa");
		return HV_EINVAL;
	}
	isa->string = string;
	isa->list = list;
	isa->list_len = list ? list_len : 0;
	return HV_OK;
}

bool host_isa_has(const struct host_isa *isa, const char *name)
{
	if (isa->list) {
		for (int i = 0; i < isa->list_len; i += (int)strlen(isa->list + i) + 1)
			if (!strcmp(isa->list + i, name))
				return true;
		return false;
	}
	if (!isa->string)
		return false;
	return name[0] && !name[1] ? isa_has_letter(isa->string, name[0]) : isa_has_extension(isa->string, name);
}

bool isa_has_letter(const char *isa, char c)
{
	if (strncmp(isa, "rv64", 4) && strncmp(isa, "rv32", 4))
		return false;
	for (const char *p = isa + 4; *p && *p != '_'; p++)
		if (*p == c)
			return true;
	return false;
}

bool isa_has_extension(const char *isa, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strchr(isa, '_'); p; p = strchr(p + 1, '_'))
		if (!strncmp(p + 1, name, n) && (p[1 + n] == '_' || p[1 + n] == 0))
			return true;
	return false;
}
