/* csr.h: CSR access for guests: hv/arch/csr.h (the one place CSR names live) plus the few
 * S-mode bits a guest needs that the hypervisor itself never touches (satp modes, Sv39 PTEs). */
#ifndef GUEST_LIB_CSR_H
#define GUEST_LIB_CSR_H
#include "arch/csr.h"

#ifndef SATP_MODE_SHIFT
#define SATP_MODE_SHIFT   60
#define SATP_MODE_BARE    0UL
#define SATP_MODE_SV39    8UL
#endif

#ifndef PTE_V
#define PTE_V  (1UL << 0)
#define PTE_R  (1UL << 1)
#define PTE_W  (1UL << 2)
#define PTE_X  (1UL << 3)
#define PTE_U  (1UL << 4)
#define PTE_G  (1UL << 5)
#define PTE_A  (1UL << 6)
#define PTE_D  (1UL << 7)
#define PTE_PPN_SHIFT 10
#endif

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
