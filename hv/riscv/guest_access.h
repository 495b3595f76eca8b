/* guest_access.h: guest-memory reads through the guest's translation, and the H-extension fences. */
#ifndef HV_RISCV_GUEST_ACCESS_H
#define HV_RISCV_GUEST_ACCESS_H
#include <stdint.h>

long guest_fetch_u16(uint64_t gva);
long guest_fetch_u32(uint64_t gva);   /* gva 4-byte aligned */
long guest_load_u64(uint64_t gva, uint64_t *out);
void hfence_gvma_all(void);
void hfence_gvma_vmid(unsigned long vmid);
void hfence_vvma_all(void);
void hfence_vvma_addr(uint64_t gva);

#endif
