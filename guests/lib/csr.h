/* csr.h: CSR access for guests: the names and bits come from hv/riscv/csr.h, the one place CSR
 * names live (satp modes and PTE bits included). */
#ifndef GUEST_LIB_CSR_H
#define GUEST_LIB_CSR_H
#include "riscv/csr.h"

#ifndef __ASSEMBLER__
static inline unsigned long rdtime(void)
{
	unsigned long t;
	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static inline void sfence_vma_all(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}

static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
#endif

#endif
