/* console.h: the guest console: picolibc's stdout/stderr, line-buffered per hart, written through
 * SBI DBCN (or legacy putchar when the SBI implementation has no DBCN). */
#ifndef GUEST_LIB_CONSOLE_H
#define GUEST_LIB_CONSOLE_H
#include <stdbool.h>
#include <stddef.h>

/* Buffers c; the line goes out at '\n' or when the buffer is full. */
void console_putc(char c);
/* Writes buf after this hart's buffered line. */
void console_write(const char *buf, size_t len);
/* Writes out this hart's buffered line. */
void console_flush(void);
/* true when the console writes through DBCN (probes on first use). */
bool console_uses_dbcn(void);

#endif
