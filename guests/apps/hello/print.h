/* print.h: the app's console output (see print.c); a line goes out at '\n'. */
#ifndef HELLO_PRINT_H
#define HELLO_PRINT_H

void print_str(const char *s);
void print_num(long v);

#endif
