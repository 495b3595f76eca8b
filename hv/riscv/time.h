/* time.h: the hart's time CSR, the host time base every deadline uses. */
#ifndef HV_RISCV_TIME_H
#define HV_RISCV_TIME_H
#include <stdint.h>

#ifdef __riscv
#include "riscv/csr.h"
static inline uint64_t time_now(void)
{
	return csr_read(CSR_TIME);
}
#else
uint64_t time_now(void);   /* host unit tests bring their own */
#endif

#endif
