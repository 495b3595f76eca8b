/* irqchip.c: the interrupt-controller interface (see irqchip.h). */
#include "vm/irqchip.h"

void irqchip_attach(struct irqchip *ic, const struct irqchip_ops *ops, void *chip, unsigned nlines)
{
	/* completion hooks stay: a device may have asked for them before the controller came */
	ic->ops = ops;
	ic->chip = chip;
	ic->nlines = nlines < IRQCHIP_MAX_LINES ? nlines : IRQCHIP_MAX_LINES;
}

void irqchip_detach(struct irqchip *ic)
{
	*ic = (struct irqchip){ 0 };
}

void irqchip_set_level(struct irqchip *ic, unsigned line, bool level)
{
	if (ic->ops && line > 0 && line < ic->nlines)
		ic->ops->set_level(ic->chip, line, level);
}

void irqchip_on_complete(struct irqchip *ic, unsigned line, irqchip_complete_fn fn, void *ctx)
{
	if (line > 0 && line < IRQCHIP_MAX_LINES) {
		ic->on_complete[line] = fn;
		ic->complete_ctx[line] = ctx;
	}
}

void irqchip_completed(struct irqchip *ic, unsigned line)
{
	if (line > 0 && line < IRQCHIP_MAX_LINES && ic->on_complete[line])
		ic->on_complete[line](ic->complete_ctx[line], line);
}
