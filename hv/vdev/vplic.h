/* vplic.h: a minimal virtual PLIC for one VM, laid out as QEMU virt's (the model sees offsets from
 * its base): level-triggered sources 1..31, priorities 0..7, one S-mode context per vCPU. Portable
 * (host-testable): each context's "has a claimable interrupt" line leaves through a callback. */
#ifndef HV_VDEV_VPLIC_H
#define HV_VDEV_VPLIC_H
#include "base/types.h"
#include "vm/vm.h"

#define VPLIC_NSOURCES      32           /* source ids 0..31; 0 means "none" and is not a source */
#define VPLIC_MAX_CONTEXTS  VM_MAX_VCPUS /* context c = vCPU c's S-mode */
#define VPLIC_MAX_PRIORITY  7            /* priority and threshold registers keep 3 bits */

/* Register map (byte offsets). */
#define VPLIC_PRIORITY_BASE   0x000000   /* + 4 * source */
#define VPLIC_PENDING_BASE    0x001000   /* bit s of word s / 32 */
#define VPLIC_ENABLE_BASE     0x002000   /* + 0x80 * context: bit s of word s / 32 */
#define VPLIC_ENABLE_STRIDE   0x80
#define VPLIC_CONTEXT_BASE    0x200000   /* + 0x1000 * context: threshold, then claim/complete */
#define VPLIC_CONTEXT_STRIDE  0x1000
#define VPLIC_THRESHOLD       0x0
#define VPLIC_CLAIM           0x4
#define VPLIC_SIZE            0x600000   /* what QEMU virt gives its PLIC (room for 1024 contexts) */

typedef void (*vplic_notify_fn)(void *ctx, int context, bool level);

struct vplic {
	int ncontexts;
	uint8_t priority[VPLIC_NSOURCES];
	uint32_t level;                          /* bit s: source s's input is high */
	uint32_t in_service;                     /* bit s: claimed and not completed yet */
	uint32_t enable[VPLIC_MAX_CONTEXTS];
	uint8_t threshold[VPLIC_MAX_CONTEXTS];
	bool notified[VPLIC_MAX_CONTEXTS];       /* each context's line as last reported */
	vplic_notify_fn notify;                  /* may be NULL */
	void (*completed)(void *ctx, unsigned source);   /* the guest completed source; may be NULL */
	void *ctx;                               /* for both */
};

/* All sources low, priorities, enables and thresholds 0, every context's line low (notify is not
 * called). ncontexts is clamped to 0..VPLIC_MAX_CONTEXTS. */
void vplic_init(struct vplic *p, int ncontexts, vplic_notify_fn notify, void *ctx);

/* One 32-bit register access at byte offset off (aligned to 4, else HV_EINVAL). Reading a context's
 * claim register claims; writing it completes (ids not in service are ignored, and, as in QEMU, the
 * source need not be enabled for that context). Registers the PLIC architecture defines but this
 * model lacks (sources 32..1023, contexts it does not have, pending and enable words past the
 * first) read 0 and ignore writes, as a smaller PLIC does; so do writes to the read-only pending
 * bits. Offsets in the reserved gaps or past the last context's registers return HV_ERANGE. */
int vplic_read(struct vplic *p, uint64_t off, uint32_t *v);
int vplic_write(struct vplic *p, uint64_t off, uint32_t v);

/* Drives source's input (1..31; other ids are ignored). Pending = high and not in service. */
void vplic_set_level(struct vplic *p, unsigned source, bool level);

/* True when the context has an enabled pending source whose priority is above its threshold. */
bool vplic_context_pending(const struct vplic *p, int context);

/* Makes dev the MMIO front end of an initialised p at [base, base+size). Accesses other than
 * 32-bit ones return HV_EINVAL, so the hypervisor stops the guest with a message. */
void vplic_mmio_init(struct mmio_device *dev, struct vplic *p, const char *name, gpa_t base, uint64_t size);

#endif
