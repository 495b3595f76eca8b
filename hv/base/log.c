/* log.c: formats log lines as "[hv] level: text" or "[vmN] level: text". */
#include <stdarg.h>
#include <stdio.h>
#include "base/log.h"

enum log_level log_threshold = LOG_INFO;

void log_msg(enum log_level level, int vm, const char *fmt, ...)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };
	if (level > log_threshold)
		return;
	if (vm < 0)
		printf("[hv] %s: ", names[level]);
	else
		printf("[vm%d] %s: ", vm, names[level]);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}
