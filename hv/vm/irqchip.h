/* irqchip.h: a VM's interrupt controller, behind one interface, so that a device never knows which
 * controller its VM has: a device sets its line to a level, and a line's owner may ask to hear when
 * the guest has completed that line (forwarded host interrupts will need it). The virtual PLIC is
 * behind it today (vdev/); an AIA implementation can take its place. Portable. */
#ifndef HV_VM_IRQCHIP_H
#define HV_VM_IRQCHIP_H
#include "base/types.h"

#define IRQCHIP_MAX_LINES 32   /* line ids 1..31; 0 means "no interrupt" */

struct vm;
typedef void (*irqchip_complete_fn)(void *ctx, unsigned line);

/* What a controller implements. */
struct irqchip_ops {
	void (*set_level)(void *chip, unsigned line, bool level);
};

struct irqchip {
	const struct irqchip_ops *ops;   /* NULL: the VM has no interrupt controller */
	void *chip;
	unsigned nlines;                 /* lines 1..nlines-1 exist */
	irqchip_complete_fn on_complete[IRQCHIP_MAX_LINES];
	void *complete_ctx[IRQCHIP_MAX_LINES];
};

/* A controller becomes (or stops being) the VM's. */
void irqchip_attach(struct irqchip *ic, const struct irqchip_ops *ops, void *chip, unsigned nlines);
void irqchip_detach(struct irqchip *ic);

/* Sets a line to a level. Without a controller, or for a line it lacks, nothing happens (the
 * description gave the device no way to interrupt). */
void irqchip_set_level(struct irqchip *ic, unsigned line, bool level);
/* fn(ctx, line) will be called each time the guest completes line. */
void irqchip_on_complete(struct irqchip *ic, unsigned line, irqchip_complete_fn fn, void *ctx);
/* The controller's report that the guest completed line. */
void irqchip_completed(struct irqchip *ic, unsigned line);

#endif
