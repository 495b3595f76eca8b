/* print.c: console output for the app without libc: strings and decimal numbers, line by line,
 * through write(1, ...). */
#include "print.h"
#include "syscall.h"

static char line[256];
static unsigned long line_len;

static void flush(void)
{
	if (line_len)
		sys_write(1, line, line_len);
	line_len = 0;
}

static void put(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line))
		flush();
}

void print_str(const char *s)
{
	while (*s)
		put(*s++);
}

void print_num(long v)
{
	char digits[20];
	int n = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	if (v < 0)
		put('-');
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n)
		put(digits[--n]);
}
