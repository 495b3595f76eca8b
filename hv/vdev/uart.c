/* uart.c: the guest's 16550A UART. A portable register model: THR bytes leave at once through
 * the out callback (so THR and the transmitter are always empty), received bytes queue in a
 * 16-byte RX FIFO, and the interrupt line (IIR != "none", not gated by MCR.OUT2) is reported
 * through the irq callback whenever its level changes. MCR loopback routes THR to the RX FIFO and
 * MCR's outputs to MSR's inputs. Then the MMIO glue that maps guest accesses onto the registers. */
#include <string.h>
#include "base/err.h"
#include "vdev/uart.h"

/* MSR when not in loopback: carrier, data set ready and clear to send all asserted. */
#define MSR_IDLE (VUART_MSR_DCD | VUART_MSR_DSR | VUART_MSR_CTS)

static uint8_t iir_id(const struct vuart *u)
{
	if ((u->ier & VUART_IER_ELSI) && u->overrun)
		return VUART_IIR_RLS;
	if ((u->ier & VUART_IER_ERBFI) && u->rx_count)
		return VUART_IIR_RDA;
	if ((u->ier & VUART_IER_ETBEI) && u->thre_pending)
		return VUART_IIR_THRE;
	return VUART_IIR_NONE;
}

bool vuart_irq_level(const struct vuart *u)
{
	return iir_id(u) != VUART_IIR_NONE;
}

/* Reports the line when it changed; called after everything that may change it. */
static void irq_update(struct vuart *u)
{
	bool level = vuart_irq_level(u);
	if (level == u->irq_level)
		return;
	u->irq_level = level;
	if (u->irq)
		u->irq(u->ctx, level);
}

void vuart_model_init(struct vuart *u, vuart_out_fn out, vuart_irq_fn irq, void *ctx)
{
	memset(u, 0, sizeof(*u));
	u->out = out;
	u->irq = irq;
	u->ctx = ctx;
}

unsigned vuart_rx_space(const struct vuart *u)
{
	return VUART_RX_FIFO_SIZE - u->rx_count;
}

static bool rx_push(struct vuart *u, uint8_t c)
{
	if (u->rx_count == VUART_RX_FIFO_SIZE) {
		u->overrun = true;
		return false;
	}
	u->rx[(u->rx_head + u->rx_count) % VUART_RX_FIFO_SIZE] = c;
	u->rx_count++;
	return true;
}

static uint8_t rx_pop(struct vuart *u)
{
	if (!u->rx_count)
		return 0;
	uint8_t c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % VUART_RX_FIFO_SIZE;
	u->rx_count--;
	return c;
}

bool vuart_receive(struct vuart *u, uint8_t c)
{
	bool ok = rx_push(u, c);
	irq_update(u);
	return ok;
}

static uint8_t msr_value(const struct vuart *u)
{
	if (!(u->mcr & VUART_MCR_LOOP))
		return MSR_IDLE;
	uint8_t m = 0;
	if (u->mcr & VUART_MCR_RTS)
		m |= VUART_MSR_CTS;
	if (u->mcr & VUART_MCR_DTR)
		m |= VUART_MSR_DSR;
	if (u->mcr & VUART_MCR_OUT1)
		m |= VUART_MSR_RI;
	if (u->mcr & VUART_MCR_OUT2)
		m |= VUART_MSR_DCD;
	return m;
}

/* Only reads of RBR, IIR and LSR change the model (they pop the FIFO, clear THRE, clear the
 * overrun); the others leave the interrupt line as it was, so a guest polling LSR costs no update. */
static __attribute__((noinline)) uint8_t irq_update_then(struct vuart *u, uint8_t v)
{
	irq_update(u);
	return v;
}

uint8_t vuart_reg_read(struct vuart *u, unsigned reg)
{
	bool dlab = u->lcr & VUART_LCR_DLAB;
	uint8_t v = 0;
	switch (reg) {
	case VUART_RBR:
		if (dlab)
			return u->dll;
		v = rx_pop(u);
		break;
	case VUART_IER:
		return dlab ? u->dlm : u->ier;
	case VUART_IIR:
		v = iir_id(u);
		if (v == VUART_IIR_THRE)
			u->thre_pending = false;     /* reading IIR while it reports THRE clears it */
		if (u->fcr & VUART_FCR_ENABLE)
			v |= VUART_IIR_FIFO;
		break;
	case VUART_LCR:
		return u->lcr;
	case VUART_MCR:
		return u->mcr;
	case VUART_LSR:
		v = VUART_LSR_THRE | VUART_LSR_TEMT;
		if (u->rx_count)
			v |= VUART_LSR_DR;
		if (!u->overrun)
			return v;
		v |= VUART_LSR_OE;
		u->overrun = false;                  /* error bits clear on read */
		break;
	case VUART_MSR:
		return msr_value(u);
	case VUART_SCR:
		return u->scr;
	default:
		return 0;
	}
	return irq_update_then(u, v);   /* a tail call: the paths above need no stack frame */
}

static void thr_write(struct vuart *u, uint8_t v)
{
	if (u->mcr & VUART_MCR_LOOP)
		rx_push(u, v);
	else if (u->out)
		u->out(u->ctx, v);
	/* the byte left at once: THR is empty again, which raises THRE (if enabled) anew */
	u->thre_pending = u->ier & VUART_IER_ETBEI;
}

static void ier_write(struct vuart *u, uint8_t v)
{
	uint8_t changed = (u->ier ^ v) & VUART_IER_ETBEI;
	u->ier = v & 0x0f;
	/* as QEMU and Bochs do: enabling ETBEI with THR empty raises THRE, disabling forgets it */
	if (changed)
		u->thre_pending = u->ier & VUART_IER_ETBEI;
}

static void fcr_write(struct vuart *u, uint8_t v)
{
	/* toggling the FIFO enable flushes the FIFOs, as on a real 16550A */
	if ((v ^ u->fcr) & VUART_FCR_ENABLE)
		v |= VUART_FCR_CLEAR_RX | VUART_FCR_CLEAR_TX;
	if (v & VUART_FCR_CLEAR_RX)
		u->rx_head = u->rx_count = 0;
	/* the clear bits self-clear; keep the enable and the trigger level */
	u->fcr = v & ~(VUART_FCR_CLEAR_RX | VUART_FCR_CLEAR_TX);
}

void vuart_reg_write(struct vuart *u, unsigned reg, uint8_t v)
{
	bool dlab = u->lcr & VUART_LCR_DLAB;
	switch (reg) {
	case VUART_THR:
		if (dlab)
			u->dll = v;
		else
			thr_write(u, v);
		break;
	case VUART_IER:
		if (dlab)
			u->dlm = v;
		else
			ier_write(u, v);
		break;
	case VUART_FCR:
		fcr_write(u, v);
		break;
	case VUART_LCR:
		u->lcr = v;
		break;
	case VUART_MCR:
		u->mcr = v & 0x1f;
		break;
	case VUART_SCR:
		u->scr = v;
		break;
	default:                                     /* LSR, MSR: read-only */
		break;
	}
	irq_update(u);
}

/* ---- MMIO glue ---- */

/* Checks an access: any power-of-two width up to 8 at an offset aligned to it (else HV_EINVAL).
 * *reg is the register it acts on (its low byte), or VUART_NREGS past the registers. */
static int mmio_reg(uint64_t offset, int width, unsigned *reg)
{
	if ((width != 1 && width != 2 && width != 4 && width != 8) || (offset & (uint64_t)(width - 1)))
		return HV_EINVAL;
	*reg = offset < VUART_NREGS ? (unsigned)offset : VUART_NREGS;
	return HV_OK;
}

static int vuart_mmio_read(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	unsigned reg;
	int err = mmio_reg(offset, width, &reg);
	if (err)
		return err;
	*value = reg < VUART_NREGS ? vuart_reg_read(dev->state, reg) : 0;
	return HV_OK;
}

static int vuart_mmio_write(struct mmio_device *dev, uint64_t offset, int width, uint64_t value)
{
	unsigned reg;
	int err = mmio_reg(offset, width, &reg);
	if (err)
		return err;
	if (reg < VUART_NREGS)
		vuart_reg_write(dev->state, reg, (uint8_t)value);
	return HV_OK;
}

void vuart_init(struct mmio_device *dev, struct vuart *u, const char *name, gpa_t base, uint64_t size,
		vuart_out_fn out, vuart_irq_fn irq, void *ctx)
{
	vuart_model_init(u, out, irq, ctx);
	memset(dev, 0, sizeof(*dev));
	strncpy(dev->name, name, sizeof(dev->name) - 1);
	dev->base = base;
	dev->size = size;
	dev->read = vuart_mmio_read;
	dev->write = vuart_mmio_write;
	dev->state = u;
}
