/* test_vuart.c: the guest's 16550A UART model: transmit order, LSR bits, the RX FIFO, DLAB,
 * scratch and modem registers, loopback, IIR priorities and the THRE-interrupt rules, FCR, the
 * interrupt line's callback (called exactly on level changes), and the MMIO glue's widths.
 * unit-sources: hv/vdev/uart.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/err.h"
#include "vdev/uart.h"

struct fixture {
	struct vuart u;
	char out[256];
	size_t nout;
	int irq_calls;
	bool irq_level;
};

static void out_cb(void *ctx, uint8_t c)
{
	struct fixture *x = ctx;
	assert_true(x->nout < sizeof(x->out));
	x->out[x->nout++] = (char)c;
}

static void irq_cb(void *ctx, bool level)
{
	struct fixture *x = ctx;
	/* only real changes are reported */
	assert_true(level != x->irq_level);
	x->irq_level = level;
	x->irq_calls++;
}

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));
	vuart_model_init(&x->u, out_cb, irq_cb, x);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

#define FX(state) ((struct fixture *)*(state))
#define U(state) (&FX(state)->u)

static uint8_t rd(struct vuart *u, unsigned reg)
{
	return vuart_reg_read(u, reg);
}

static void wr(struct vuart *u, unsigned reg, uint8_t v)
{
	vuart_reg_write(u, reg, v);
}

static void test_reset_state(void **state)
{
	struct vuart *u = U(state);
	assert_int_equal(rd(u, VUART_IER), 0);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	assert_int_equal(rd(u, VUART_LCR), 0);
	assert_int_equal(rd(u, VUART_MCR), 0);
	assert_int_equal(rd(u, VUART_LSR), VUART_LSR_THRE | VUART_LSR_TEMT);
	assert_int_equal(rd(u, VUART_MSR), VUART_MSR_DCD | VUART_MSR_DSR | VUART_MSR_CTS);
	assert_int_equal(rd(u, VUART_SCR), 0);
	assert_int_equal(rd(u, VUART_RBR), 0);     /* empty: reads 0 */
	assert_false(vuart_irq_level(u));
	assert_int_equal(FX(state)->irq_calls, 0);
	assert_int_equal(vuart_rx_space(u), VUART_RX_FIFO_SIZE);
}

static void test_tx_order(void **state)
{
	struct vuart *u = U(state);
	const char *msg = "Hello, 16550!\n";
	for (const char *p = msg; *p; p++) {
		wr(u, VUART_THR, (uint8_t)*p);
		/* no TX delay: THR and the transmitter are empty again at once */
		assert_int_equal(rd(u, VUART_LSR) & 0x60, 0x60);
	}
	assert_int_equal(FX(state)->nout, strlen(msg));
	assert_memory_equal(FX(state)->out, msg, strlen(msg));
	/* writes to the read-only LSR and MSR change nothing and send nothing */
	wr(u, VUART_LSR, 0);
	wr(u, VUART_MSR, 0);
	assert_int_equal(rd(u, VUART_LSR), VUART_LSR_THRE | VUART_LSR_TEMT);
	assert_int_equal(FX(state)->nout, strlen(msg));
}

static void test_lsr_bits(void **state)
{
	struct vuart *u = U(state);
	assert_int_equal(rd(u, VUART_LSR), 0x60);
	assert_true(vuart_receive(u, 'x'));
	assert_int_equal(rd(u, VUART_LSR), 0x61);
	assert_int_equal(rd(u, VUART_LSR), 0x61);  /* DR is not cleared by reading LSR */
	assert_int_equal(rd(u, VUART_RBR), 'x');
	assert_int_equal(rd(u, VUART_LSR), 0x60);
	/* overrun: a byte arriving to a full FIFO is lost and sets OE, which one LSR read clears */
	for (int i = 0; i < VUART_RX_FIFO_SIZE; i++)
		assert_true(vuart_receive(u, (uint8_t)i));
	assert_int_equal(rd(u, VUART_LSR), 0x61);
	assert_false(vuart_receive(u, 0xee));
	assert_int_equal(rd(u, VUART_LSR), 0x63);
	assert_int_equal(rd(u, VUART_LSR), 0x61);
	/* reading the data does not clear OE; only an LSR read does */
	assert_false(vuart_receive(u, 0xee));
	for (int i = 0; i < VUART_RX_FIFO_SIZE; i++)
		assert_int_equal(rd(u, VUART_RBR), i);
	assert_int_equal(rd(u, VUART_LSR), 0x62);
	assert_int_equal(rd(u, VUART_LSR), 0x60);
}

static void test_rx_fifo(void **state)
{
	struct vuart *u = U(state);
	assert_true(VUART_RX_FIFO_SIZE >= 16);
	for (int i = 0; i < VUART_RX_FIFO_SIZE; i++) {
		assert_int_equal(vuart_rx_space(u), VUART_RX_FIFO_SIZE - i);
		assert_true(vuart_receive(u, (uint8_t)('a' + i)));
	}
	assert_int_equal(vuart_rx_space(u), 0);
	assert_false(vuart_receive(u, '!'));
	for (int i = 0; i < VUART_RX_FIFO_SIZE; i++)
		assert_int_equal(rd(u, VUART_RBR), 'a' + i);
	assert_int_equal(rd(u, VUART_LSR) & VUART_LSR_DR, 0);
	assert_int_equal(rd(u, VUART_RBR), 0);
	/* order survives the ring wrapping around many times */
	unsigned next_in = 0, next_out = 0;
	for (int round = 0; round < 40; round++) {
		for (int k = 0; k < 5; k++)
			assert_true(vuart_receive(u, (uint8_t)next_in++));
		for (int k = 0; k < 4; k++)
			assert_int_equal(rd(u, VUART_RBR), (uint8_t)next_out++);
		if (vuart_rx_space(u) < 5)
			while (rd(u, VUART_LSR) & VUART_LSR_DR)
				assert_int_equal(rd(u, VUART_RBR), (uint8_t)next_out++);
	}
	while (rd(u, VUART_LSR) & VUART_LSR_DR)
		assert_int_equal(rd(u, VUART_RBR), (uint8_t)next_out++);
	assert_int_equal(next_in, next_out);
	/* writes to RBR's address (THR) never land in the RX FIFO */
	assert_int_equal(vuart_rx_space(u), VUART_RX_FIFO_SIZE);
}

static void test_dlab(void **state)
{
	struct vuart *u = U(state);
	wr(u, VUART_IER, VUART_IER_ERBFI);
	wr(u, VUART_LCR, 0x83);                    /* DLAB, 8N1 */
	assert_int_equal(rd(u, VUART_LCR), 0x83);
	wr(u, VUART_DLL, 0x0c);
	wr(u, VUART_DLM, 0x01);
	assert_int_equal(FX(state)->nout, 0);      /* the divisor is not transmitted */
	assert_int_equal(rd(u, VUART_DLL), 0x0c);
	assert_int_equal(rd(u, VUART_DLM), 0x01);
	/* with DLAB set, received data stays in the FIFO: register 0 is DLL */
	assert_true(vuart_receive(u, 'r'));
	assert_int_equal(rd(u, VUART_DLL), 0x0c);
	wr(u, VUART_LCR, 0x03);
	assert_int_equal(rd(u, VUART_LCR), 0x03);
	assert_int_equal(rd(u, VUART_IER), VUART_IER_ERBFI);  /* IER untouched by the DLM write */
	assert_int_equal(rd(u, VUART_RBR), 'r');
	wr(u, VUART_THR, 'A');
	assert_int_equal(FX(state)->nout, 1);
	assert_int_equal(FX(state)->out[0], 'A');
	wr(u, VUART_IER, 0);
	wr(u, VUART_LCR, 0x80);
	assert_int_equal(rd(u, VUART_DLL), 0x0c);  /* nor DLL/DLM by THR and IER writes */
	assert_int_equal(rd(u, VUART_DLM), 0x01);
}

static void test_scr_mcr_msr(void **state)
{
	struct vuart *u = U(state);
	wr(u, VUART_SCR, 0x5a);
	assert_int_equal(rd(u, VUART_SCR), 0x5a);
	wr(u, VUART_SCR, 0xa5);
	assert_int_equal(rd(u, VUART_SCR), 0xa5);
	wr(u, VUART_MCR, VUART_MCR_DTR | VUART_MCR_RTS | VUART_MCR_OUT2);
	assert_int_equal(rd(u, VUART_MCR), 0x0b);
	wr(u, VUART_MCR, 0xff);                    /* bits 7:5 do not exist */
	assert_int_equal(rd(u, VUART_MCR), 0x1f);
	wr(u, VUART_MCR, 0);
	assert_int_equal(rd(u, VUART_MSR), 0xb0);  /* DCD, DSR, CTS */
}

static void test_loopback(void **state)
{
	struct vuart *u = U(state);
	/* loopback: MSR's inputs follow MCR's outputs (Linux's probe checks this) */
	wr(u, VUART_MCR, VUART_MCR_LOOP | 0x0a);   /* RTS, OUT2 */
	assert_int_equal(rd(u, VUART_MSR), VUART_MSR_CTS | VUART_MSR_DCD);
	wr(u, VUART_MCR, VUART_MCR_LOOP | 0x05);   /* DTR, OUT1 */
	assert_int_equal(rd(u, VUART_MSR), VUART_MSR_DSR | VUART_MSR_RI);
	/* and THR comes back through RBR instead of leaving */
	wr(u, VUART_THR, 0x42);
	assert_int_equal(FX(state)->nout, 0);
	assert_int_equal(rd(u, VUART_LSR), 0x61);
	assert_int_equal(rd(u, VUART_RBR), 0x42);
	wr(u, VUART_MCR, 0);
	wr(u, VUART_THR, 0x43);
	assert_int_equal(FX(state)->nout, 1);
	assert_int_equal(rd(u, VUART_LSR), 0x60);
}

static void test_iir_priorities(void **state)
{
	struct vuart *u = U(state);
	/* nothing enabled: data and overrun raise nothing */
	assert_true(vuart_receive(u, 1));
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	wr(u, VUART_IER, VUART_IER_ERBFI | VUART_IER_ELSI);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_RDA);
	for (int i = 1; i < VUART_RX_FIFO_SIZE; i++)
		vuart_receive(u, (uint8_t)(i + 1));
	assert_false(vuart_receive(u, 0xff));
	/* line status beats RX data; reading LSR clears it */
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_RLS);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_RLS);  /* IIR reads do not clear it */
	assert_int_equal(rd(u, VUART_LSR), 0x63);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_RDA);
	/* ELSI off: an overrun raises nothing by itself */
	wr(u, VUART_IER, VUART_IER_ERBFI);
	assert_false(vuart_receive(u, 0xff));
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_RDA);
	/* RX data beats THR empty */
	wr(u, VUART_IER, VUART_IER_ERBFI | VUART_IER_ETBEI);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_RDA);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_RDA);  /* THRE was not reported, so still pending */
	while (rd(u, VUART_LSR) & VUART_LSR_DR)
		rd(u, VUART_RBR);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_THRE);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	/* modem status interrupts never come: the modem lines do not change */
	wr(u, VUART_IER, VUART_IER_EDSSI);
	assert_int_equal(rd(u, VUART_IER), VUART_IER_EDSSI);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	wr(u, VUART_IER, 0xff);                    /* bits 7:4 do not exist */
	assert_int_equal(rd(u, VUART_IER), 0x0f);
}

static void test_thre_interrupt(void **state)
{
	struct vuart *u = U(state);
	/* enabling ETBEI with THR empty raises it */
	wr(u, VUART_IER, VUART_IER_ETBEI);
	assert_true(vuart_irq_level(u));
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_THRE);
	/* reading IIR while it reports THRE clears it */
	assert_false(vuart_irq_level(u));
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	/* rewriting IER with ETBEI still set is no enable transition */
	wr(u, VUART_IER, VUART_IER_ETBEI);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	/* a THR write: THR empties at once, so it is pending again */
	wr(u, VUART_THR, 'x');
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_THRE);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	/* off and on again: raised again */
	wr(u, VUART_IER, 0);
	wr(u, VUART_IER, VUART_IER_ETBEI);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_THRE);
	/* disabling ETBEI forgets a pending THRE */
	wr(u, VUART_THR, 'y');
	wr(u, VUART_IER, 0);
	assert_false(vuart_irq_level(u));
	wr(u, VUART_IER, VUART_IER_ERBFI);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	/* THR writes with ETBEI off leave nothing pending for later */
	wr(u, VUART_THR, 'z');
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	/* with DLAB, register 0 writes go to DLL and raise nothing */
	wr(u, VUART_IER, VUART_IER_ETBEI);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_THRE);
	wr(u, VUART_LCR, VUART_LCR_DLAB);
	wr(u, VUART_DLL, 1);
	wr(u, VUART_LCR, 0);
	assert_int_equal(rd(u, VUART_IIR), VUART_IIR_NONE);
	assert_int_equal(FX(state)->nout, 3);
}

static void test_fcr(void **state)
{
	struct vuart *u = U(state);
	assert_int_equal(rd(u, VUART_IIR), 0x01);
	wr(u, VUART_FCR, VUART_FCR_ENABLE);
	assert_int_equal(rd(u, VUART_IIR), 0xc1);
	wr(u, VUART_IER, VUART_IER_ERBFI);
	for (int i = 0; i < 5; i++)
		vuart_receive(u, (uint8_t)i);
	assert_int_equal(rd(u, VUART_IIR), 0xc4);
	/* bit 1 clears the RX FIFO (the enable stays) */
	wr(u, VUART_FCR, VUART_FCR_ENABLE | VUART_FCR_CLEAR_RX);
	assert_int_equal(rd(u, VUART_LSR), 0x60);
	assert_int_equal(vuart_rx_space(u), VUART_RX_FIFO_SIZE);
	assert_int_equal(rd(u, VUART_IIR), 0xc1);
	assert_false(vuart_irq_level(u));
	/* a clear-TX-only write leaves the RX FIFO alone */
	vuart_receive(u, 'k');
	wr(u, VUART_FCR, VUART_FCR_ENABLE | VUART_FCR_CLEAR_TX | 0xc0);
	assert_int_equal(rd(u, VUART_IIR), 0xc4);
	assert_int_equal(rd(u, VUART_RBR), 'k');
	/* turning the FIFOs off flushes them, and IIR's top bits go */
	vuart_receive(u, 'j');
	wr(u, VUART_FCR, 0);
	assert_int_equal(rd(u, VUART_IIR), 0x01);
	assert_int_equal(rd(u, VUART_LSR), 0x60);
	/* FCR and IIR share an address: an FCR write does not change the LCR or IER */
	assert_int_equal(rd(u, VUART_IER), VUART_IER_ERBFI);
	/* and with DLAB set, register 2 is still IIR/FCR */
	wr(u, VUART_LCR, VUART_LCR_DLAB);
	wr(u, VUART_FCR, VUART_FCR_ENABLE);
	assert_int_equal(rd(u, VUART_IIR), 0xc1);
}

static void test_irq_callback(void **state)
{
	struct fixture *x = FX(state);
	struct vuart *u = &x->u;
	wr(u, VUART_IER, VUART_IER_ERBFI);         /* enabled, nothing pending: no call */
	assert_int_equal(x->irq_calls, 0);
	vuart_receive(u, 'a');
	assert_int_equal(x->irq_calls, 1);
	assert_true(x->irq_level);
	vuart_receive(u, 'b');                     /* still high: no call */
	rd(u, VUART_RBR);
	rd(u, VUART_LSR);
	rd(u, VUART_IIR);
	assert_int_equal(x->irq_calls, 1);
	rd(u, VUART_RBR);                          /* empty: low */
	assert_int_equal(x->irq_calls, 2);
	assert_false(x->irq_level);
	wr(u, VUART_IER, VUART_IER_ERBFI | VUART_IER_ETBEI);
	assert_int_equal(x->irq_calls, 3);
	rd(u, VUART_IIR);
	assert_int_equal(x->irq_calls, 4);
	assert_false(x->irq_level);
	wr(u, VUART_THR, '1');
	assert_int_equal(x->irq_calls, 5);
	wr(u, VUART_THR, '2');                     /* still pending: no call */
	wr(u, VUART_SCR, 7);
	assert_int_equal(x->irq_calls, 5);
	/* RX data on top of THRE: the line stays high */
	vuart_receive(u, 'c');
	assert_int_equal(x->irq_calls, 5);
	/* MCR.OUT2 does not gate the line */
	wr(u, VUART_MCR, VUART_MCR_OUT2);
	wr(u, VUART_MCR, 0);
	assert_int_equal(x->irq_calls, 5);
	assert_true(vuart_irq_level(u));
	wr(u, VUART_IER, 0);
	assert_int_equal(x->irq_calls, 6);
	assert_false(x->irq_level);
	/* line status: overrun with ELSI, cleared by an LSR read */
	wr(u, VUART_FCR, VUART_FCR_ENABLE | VUART_FCR_CLEAR_RX);
	for (int i = 0; i < VUART_RX_FIFO_SIZE; i++)
		vuart_receive(u, 0);
	assert_int_equal(x->irq_calls, 6);
	wr(u, VUART_IER, VUART_IER_ELSI);
	assert_int_equal(x->irq_calls, 6);
	vuart_receive(u, 0);
	assert_int_equal(x->irq_calls, 7);
	vuart_receive(u, 0);
	assert_int_equal(x->irq_calls, 7);
	rd(u, VUART_LSR);
	assert_int_equal(x->irq_calls, 8);
	assert_false(x->irq_level);
	/* FCR clearing the FIFO drops an RX interrupt */
	wr(u, VUART_IER, VUART_IER_ERBFI);
	assert_int_equal(x->irq_calls, 9);
	wr(u, VUART_FCR, VUART_FCR_ENABLE | VUART_FCR_CLEAR_RX);
	assert_int_equal(x->irq_calls, 10);
	assert_false(x->irq_level);
}

static void test_null_callbacks(void **state)
{
	(void)state;
	struct vuart u;
	vuart_model_init(&u, NULL, NULL, NULL);
	wr(&u, VUART_IER, 0x0f);
	wr(&u, VUART_THR, 'q');
	assert_true(vuart_receive(&u, 'r'));
	assert_true(vuart_irq_level(&u));
	assert_int_equal(rd(&u, VUART_RBR), 'r');
	assert_int_equal(rd(&u, VUART_IIR), VUART_IIR_THRE);
	assert_false(vuart_irq_level(&u));
}

static void test_mmio_glue(void **state)
{
	struct fixture *x = FX(state);
	struct mmio_device dev;
	struct vuart u;
	uint64_t v = 0;
	vuart_init(&dev, &u, "uart0", 0x10000000, 0x100, out_cb, irq_cb, x);
	assert_string_equal(dev.name, "uart0");
	assert_int_equal(dev.base, 0x10000000);
	assert_int_equal(dev.size, 0x100);
	assert_ptr_equal(dev.state, &u);
	assert_int_equal(dev.write(&dev, 0, 1, 'm'), HV_OK);
	assert_int_equal(x->nout, 1);
	assert_int_equal(x->out[0], 'm');
	assert_int_equal(dev.read(&dev, 5, 1, &v), HV_OK);
	assert_int_equal(v, 0x60);
	/* wider aligned accesses act on the low byte */
	assert_int_equal(dev.write(&dev, 4, 4, 0xdeadbe03), HV_OK);
	v = ~0ull;
	assert_int_equal(dev.read(&dev, 4, 4, &v), HV_OK);
	assert_int_equal(v, 0x03);                 /* MCR, zero-extended */
	assert_int_equal(dev.write(&dev, 0, 8, 0x1122334455667788ull), HV_OK);
	assert_int_equal(x->nout, 2);
	assert_int_equal((uint8_t)x->out[1], 0x88);
	assert_int_equal(dev.read(&dev, 6, 2, &v), HV_OK);
	assert_int_equal(v, 0xb0);                 /* MSR */
	vuart_receive(&u, 'z');
	assert_int_equal(dev.read(&dev, 0, 8, &v), HV_OK);
	assert_int_equal(v, 'z');
	assert_int_equal(dev.read(&dev, 1, 1, &v), HV_OK);   /* IER by bytes */
	assert_int_equal(v, 0);
	/* misaligned wider accesses and odd widths are errors */
	assert_int_equal(dev.read(&dev, 5, 4, &v), HV_EINVAL);
	assert_int_equal(dev.read(&dev, 1, 2, &v), HV_EINVAL);
	assert_int_equal(dev.write(&dev, 3, 8, 0), HV_EINVAL);
	assert_int_equal(dev.read(&dev, 0, 3, &v), HV_EINVAL);
	assert_int_equal(dev.write(&dev, 0, 0, 0), HV_EINVAL);
	assert_int_equal(x->nout, 2);
	/* past the eight registers: reads 0, writes ignored */
	v = 1;
	assert_int_equal(dev.read(&dev, 8, 1, &v), HV_OK);
	assert_int_equal(v, 0);
	assert_int_equal(dev.write(&dev, 0x80, 4, 'n'), HV_OK);
	assert_int_equal(dev.read(&dev, 0xf8, 8, &v), HV_OK);
	assert_int_equal(v, 0);
	assert_int_equal(x->nout, 2);
	/* the SCR through the glue */
	assert_int_equal(dev.write(&dev, 7, 1, 0x77), HV_OK);
	assert_int_equal(dev.read(&dev, 7, 1, &v), HV_OK);
	assert_int_equal(v, 0x77);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reset_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lsr_bits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dlab, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scr_mcr_msr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loopback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iir_priorities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thre_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fcr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irq_callback, setup, teardown),
		cmocka_unit_test(test_null_callbacks),
		cmocka_unit_test_setup_teardown(test_mmio_glue, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
