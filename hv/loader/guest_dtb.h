/* guest_dtb.h: builds a guest's device tree (laid out like QEMU virt's) with libfdt; portable. */
#ifndef HV_LOADER_GUEST_DTB_H
#define HV_LOADER_GUEST_DTB_H
#include "base/limits.h"
#include "base/types.h"
#include "base/err.h"

#define PLIC_PHANDLE        0x100u   /* the cpu interrupt controllers are 1..nvcpus */
#define IRQ_S_EXTERNAL_CODE 9u       /* the supervisor external interrupt, in interrupts-extended */

struct guest_dtb_params {
	uint64_t ram_base, ram_size;
	int nvcpus;                      /* 1..GUEST_DTB_MAX_VCPUS */
	const char *isa;                 /* the host's riscv,isa string, e.g. "rv64imafdch_zicsr_zifencei_sstc";
	                                    the builder removes the H extension */
	uint32_t timebase;               /* timebase-frequency, Hz */
	const char *bootargs;            /* NULL or "" = no bootargs property */
	uint64_t initrd_start, initrd_end;  /* both 0 = no initrd; else [start, end) inside RAM */
	bool has_uart;  uint64_t uart_base, uart_size; uint32_t uart_clock;   /* ns16550a */
	uint32_t uart_irq;               /* its PLIC source, when has_plic */
	bool has_plic;  uint64_t plic_base, plic_size; uint32_t plic_ndev;    /* riscv,plic0, phandle 0x100 */
	bool has_pflash; uint64_t pflash_base, pflash_size; uint32_t pflash_bank_width;  /* cfi-flash */
};

/* Builds the DTB into buf (8-byte aligned; its totalsize is <= buflen). Returns the DTB size (> 0)
 * or a negative HV_E* code (HV_ERANGE when buf is too small) with one line in err (err may be NULL). */
int guest_dtb_build(const struct guest_dtb_params *p, void *buf, size_t buflen, char *err, size_t errlen);

/* Copies host_isa into out without the H extension: the single letter 'h' in the base part after
 * "rv64"/"rv32", and any multi-letter extension whose name starts with 'h' ("_h", "_hypervisor").
 * Returns 0, or HV_ERANGE (out set to "" when outlen > 0) if out is too small. */
int guest_dtb_isa(const char *host_isa, char *out, size_t outlen);

#endif
