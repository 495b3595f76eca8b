/* this_hart.h: the struct hart of the hart running this code, through tp. */
#ifndef HV_ARCH_THIS_HART_H
#define HV_ARCH_THIS_HART_H
#include "vm/hart.h"

static inline struct hart *this_hart(void)
{
	struct hart *h;
	__asm__("mv %0, tp" : "=r"(h));
	return h;
}

#endif
