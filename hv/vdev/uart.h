/* uart.h: the guest's 16550A UART: a register model (portable, host-testable) whose output, input
 * and interrupt line go through callbacks, and the MMIO glue that puts it at a guest address. */
#ifndef HV_VDEV_UART_H
#define HV_VDEV_UART_H
#include "base/types.h"
#include "vm/vm.h"

/* Register numbers (stride 1 byte, reg-shift 0). */
#define VUART_RBR 0          /* read, DLAB=0: receive buffer */
#define VUART_THR 0          /* write, DLAB=0: transmit holding */
#define VUART_DLL 0          /* DLAB=1: divisor latch, low byte */
#define VUART_IER 1          /* DLAB=0: interrupt enable */
#define VUART_DLM 1          /* DLAB=1: divisor latch, high byte */
#define VUART_IIR 2          /* read: interrupt identification */
#define VUART_FCR 2          /* write: FIFO control */
#define VUART_LCR 3
#define VUART_MCR 4
#define VUART_LSR 5
#define VUART_MSR 6
#define VUART_SCR 7
#define VUART_NREGS 8

#define VUART_IER_ERBFI 0x01 /* received data available */
#define VUART_IER_ETBEI 0x02 /* transmit holding register empty */
#define VUART_IER_ELSI  0x04 /* receiver line status */
#define VUART_IER_EDSSI 0x08 /* modem status (never raised: the modem lines do not change) */

#define VUART_IIR_NONE  0x01 /* no interrupt pending */
#define VUART_IIR_THRE  0x02
#define VUART_IIR_RDA   0x04
#define VUART_IIR_RLS   0x06
#define VUART_IIR_FIFO  0xc0 /* FIFOs enabled */

#define VUART_FCR_ENABLE   0x01
#define VUART_FCR_CLEAR_RX 0x02
#define VUART_FCR_CLEAR_TX 0x04

#define VUART_LCR_DLAB  0x80

#define VUART_MCR_DTR   0x01
#define VUART_MCR_RTS   0x02
#define VUART_MCR_OUT1  0x04
#define VUART_MCR_OUT2  0x08
#define VUART_MCR_LOOP  0x10

#define VUART_LSR_DR    0x01
#define VUART_LSR_OE    0x02
#define VUART_LSR_THRE  0x20
#define VUART_LSR_TEMT  0x40

#define VUART_MSR_CTS   0x10
#define VUART_MSR_DSR   0x20
#define VUART_MSR_RI    0x40
#define VUART_MSR_DCD   0x80

#define VUART_RX_FIFO_SIZE 16

typedef void (*vuart_out_fn)(void *ctx, uint8_t c);
typedef void (*vuart_irq_fn)(void *ctx, bool level);

struct vuart {
	uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
	bool overrun;            /* LSR.OE, until LSR is read */
	bool thre_pending;       /* the THR-empty interrupt (only while IER.ETBEI) */
	bool irq_level;          /* the line as last reported through irq */
	uint8_t rx[VUART_RX_FIFO_SIZE];
	unsigned rx_head, rx_count;
	vuart_out_fn out;        /* each byte the guest transmits (may be NULL) */
	vuart_irq_fn irq;        /* the interrupt line's new level, on each change (may be NULL) */
	void *ctx;
};

/* Resets the UART (line idle, FIFOs empty, no interrupt enabled, irq level low; irq is not called). */
void vuart_model_init(struct vuart *u, vuart_out_fn out, vuart_irq_fn irq, void *ctx);
/* One register access (reg 0..7; others read 0 and ignore writes), with its side effects. */
uint8_t vuart_reg_read(struct vuart *u, unsigned reg);
void vuart_reg_write(struct vuart *u, unsigned reg, uint8_t v);
/* A byte arriving on the line. False when the RX FIFO was full: the byte is lost and LSR.OE set. */
bool vuart_receive(struct vuart *u, uint8_t c);
/* Free room in the RX FIFO: a feeder that checks it first never causes an overrun. */
unsigned vuart_rx_space(const struct vuart *u);
/* The interrupt line: some enabled interrupt condition is pending (MCR.OUT2 does not gate it). */
bool vuart_irq_level(const struct vuart *u);

/* Initialises u (as vuart_model_init) and makes dev the MMIO front end of it at [base, base+size).
 * Width-1 accesses are the normal case; a wider access at an offset aligned to its width acts on the
 * register at that offset's low byte (reads zero-extend). Offsets 8 and up read 0 and ignore writes;
 * a misaligned wider access returns HV_EINVAL. The caller owns u's storage. */
void vuart_init(struct mmio_device *dev, struct vuart *u, const char *name, gpa_t base, uint64_t size,
		vuart_out_fn out, vuart_irq_fn irq, void *ctx);

#endif
