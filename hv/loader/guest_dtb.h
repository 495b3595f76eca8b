/* guest_dtb.h: builds a guest's device tree (laid out like QEMU virt's) with libfdt; portable. */
#ifndef HV_LOADER_GUEST_DTB_H
#define HV_LOADER_GUEST_DTB_H
#include "base/limits.h"
#include "base/types.h"
#include "base/err.h"

#define GUEST_DTB_IRQCHIP_PHANDLE 0x100u   /* the cpu interrupt controllers are 1..nvcpus */

struct guest_dtb;   /* a tree being written; device writers add properties to it with guest_dtb_put_* */

/* A device's node, as its kind describes it (vm/device.h: dtb_node). The builder writes the node
 * (name@base, reg, and interrupts with interrupt-parent when the device has a line and the VM an
 * interrupt controller); write() adds the kind's own properties. */
struct guest_dtb_device {
	const char *node;                /* the name before '@', e.g. "serial" */
	const char *label;               /* what error lines call it, e.g. "UART" */
	uint64_t base, size;
	bool on_soc;                     /* under /soc, else at the root */
	bool is_console;                 /* /chosen's stdout-path names it */
	bool is_irqchip;                 /* the interrupt controller (GUEST_DTB_IRQCHIP_PHANDLE) */
	uint32_t irq_sources;            /* an interrupt controller's sources: 1..irq_sources */
	bool has_irq;                    /* it has an interrupt line, */
	uint32_t irq;                    /* this one (a source of the interrupt controller) */
	void (*write)(struct guest_dtb *d, const struct guest_dtb_device *dev);
	const void *arg;                 /* for write */
};

struct guest_dtb_params {
	uint64_t ram_base, ram_size;
	int nvcpus;                      /* 1..GUEST_DTB_MAX_VCPUS */
	const char *isa;                 /* the host's riscv,isa string, e.g. "rv64imafdch_zicsr_zifencei_sstc";
	                                    the builder removes the H extension */
	uint32_t timebase;               /* timebase-frequency, Hz */
	const char *bootargs;            /* NULL or "" = no bootargs property */
	uint64_t initrd_start, initrd_end;  /* both 0 = no initrd; else [start, end) inside RAM */
	int ndevices;
	const struct guest_dtb_device *devices;   /* in the order their nodes are written */
};

/* Builds the DTB into buf (8-byte aligned; its totalsize is <= buflen). Returns the DTB size (> 0)
 * or a negative HV_E* code (HV_ERANGE when buf is too small) with one line in err (err may be NULL). */
int guest_dtb_build(const struct guest_dtb_params *p, void *buf, size_t buflen, char *err, size_t errlen);

/* For device writers: properties of the node being written. */
void guest_dtb_put_string(struct guest_dtb *d, const char *name, const char *value);
void guest_dtb_put_u32(struct guest_dtb *d, const char *name, uint32_t value);
void guest_dtb_put_empty(struct guest_dtb *d, const char *name);
/* interrupts-extended with one context per vCPU: cpu N's interrupt controller, interrupt code. */
void guest_dtb_put_vcpu_contexts(struct guest_dtb *d, uint32_t code);

/* Copies host_isa into out without the H extension: the single letter 'h' in the base part after
 * "rv64"/"rv32", and any multi-letter extension whose name starts with 'h' ("_h", "_hypervisor").
 * Returns 0, or HV_ERANGE (out set to "" when outlen > 0) if out is too small. */
int guest_dtb_isa(const char *host_isa, char *out, size_t outlen);

#endif
