/* console.c: picolibc's stdout and stderr for guests. Each hart buffers one line (thread-local)
 * and writes it with one SBI DBCN write, so a line costs one ecall; if the SBI implementation
 * does not offer DBCN, every byte goes through legacy putchar instead. Bytes are sent as they
 * are: turning '\n' into "\r\n" is the console's (the SBI implementation's) business. */
#include <stdio.h>
#include "lib/console.h"
#include "lib/sbi.h"

#define CONSOLE_LINE 128

enum console_mode { CONSOLE_UNKNOWN = 0, CONSOLE_DBCN, CONSOLE_LEGACY };

static volatile enum console_mode console_mode;
static _Thread_local char line[CONSOLE_LINE];
static _Thread_local size_t line_len;

bool console_uses_dbcn(void)
{
	if (console_mode == CONSOLE_UNKNOWN)
		console_mode = sbi_probe_extension(SBI_EXT_DBCN) ? CONSOLE_DBCN : CONSOLE_LEGACY;
	return console_mode == CONSOLE_DBCN;
}

/* buf must be addressed physically (satp = Bare, or an identity mapping). */
static void console_write_raw(const char *buf, size_t len)
{
	if (console_uses_dbcn()) {
		while (len > 0) {
			struct sbiret r = sbi_debug_console_write(buf, len);
			if (r.error || r.value <= 0 || (size_t)r.value > len)
				break;            /* the rest goes out through legacy putchar */
			buf += r.value;
			len -= (size_t)r.value;
		}
	}
	for (size_t i = 0; i < len; i++)
		sbi_legacy_putchar(buf[i]);
}

void console_flush(void)
{
	if (line_len == 0)
		return;
	console_write_raw(line, line_len);
	line_len = 0;
}

void console_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == CONSOLE_LINE)
		console_flush();
}

void console_write(const char *buf, size_t len)
{
	console_flush();
	console_write_raw(buf, len);
}

static int stdout_put(char c, FILE *file)
{
	(void)file;
	console_putc(c);
	return (unsigned char)c;
}

static int stdout_flush(FILE *file)
{
	(void)file;
	console_flush();
	return 0;
}

static FILE console_stream = FDEV_SETUP_STREAM(stdout_put, NULL, stdout_flush, _FDEV_SETUP_WRITE);
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;
