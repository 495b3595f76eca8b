/* cfi.c: the Intel/Sharp CFI command-set state machine over caller-owned bytes (see cfi.h).
 * Read layout (identifier, query table, status replication) follows QEMU's pflash_cfi01 with
 * device-width set; programming follows real NOR flash and the Intel command set rather than
 * QEMU's shortcuts: a program only clears bits (new = old & data), a block is erased on the 0xd0
 * confirm (QEMU erases on the 0x20 setup), a wrong confirm sets SR.4|SR.5 and leaves the device
 * in read-status mode, and a buffered write is held in a buffer until its confirm.
 */
#include "cfi.h"

#include <string.h>

static unsigned log2u(uint64_t v)
{
	unsigned n = 0;
	while (v > 1) {
		v >>= 1;
		n++;
	}
	return n;
}

static bool width_ok(unsigned width)
{
	return width == 1 || width == 2 || width == 4 || width == 8;
}

static bool range_ok(const struct cfi_flash *f, uint64_t offset, unsigned width)
{
	return f->data && offset < f->size && width <= f->size - offset;
}

static uint64_t width_mask(unsigned width)
{
	return width >= 8 ? ~0ull : (1ull << (8 * width)) - 1;
}

static void dirty_mark(struct cfi_flash *f, uint64_t lo, uint64_t hi)
{
	if (f->dirty.hi == 0) {
		f->dirty.lo = lo;
		f->dirty.hi = hi;
		return;
	}
	if (lo < f->dirty.lo)
		f->dirty.lo = lo;
	if (hi > f->dirty.hi)
		f->dirty.hi = hi;
}

static void build_table(struct cfi_flash *f)
{
	unsigned devices = f->bank_width / f->device_width;
	uint64_t blocks = f->size / CFI_SECTOR_LEN;
	uint64_t sector_per_dev = CFI_SECTOR_LEN / devices;
	uint64_t dev_len = sector_per_dev * blocks;
	uint8_t *t = f->table;

	memset(t, 0, CFI_TABLE_LEN);
	t[0x10] = 'Q';
	t[0x11] = 'R';
	t[0x12] = 'Y';
	t[0x13] = 0x01; /* primary command set: Intel/Sharp extended */
	t[0x15] = 0x31; /* primary extended table at 0x31 */
	t[0x1b] = 0x45; /* Vcc min 4.5 V */
	t[0x1c] = 0x55; /* Vcc max 5.5 V */
	t[0x1f] = 0x07; /* typical word program 2^7 us */
	t[0x20] = 0x07; /* typical buffer write 2^7 us */
	t[0x21] = 0x0a; /* typical block erase 2^10 ms */
	t[0x23] = 0x04;
	t[0x24] = 0x04;
	t[0x25] = 0x04;
	t[0x27] = (uint8_t)log2u(dev_len);        /* device size 2^n bytes */
	t[0x28] = 0x02;                           /* interface: x8/x16 */
	t[0x2a] = f->bank_width == 1 ? 0x08 : 0x0b; /* write buffer 2^n bytes per device */
	t[0x2c] = 0x01;                           /* one uniform erase region */
	t[0x2d] = (uint8_t)(blocks - 1);
	t[0x2e] = (uint8_t)((blocks - 1) >> 8);
	t[0x2f] = (uint8_t)(sector_per_dev >> 8);  /* block size in 256-byte units */
	t[0x30] = (uint8_t)(sector_per_dev >> 16);
	t[0x31] = 'P';
	t[0x32] = 'R';
	t[0x33] = 'I';
	t[0x34] = '1';
	t[0x35] = '0';
	t[0x3f] = 0x01;

	f->wbuf_size = (1u << t[0x2a]) * devices;
}

void cfi_init(struct cfi_flash *f, uint8_t *data, size_t size, unsigned bank_width)
{
	memset(f, 0, sizeof(*f));
	f->data = data;
	f->size = data ? size : 0;
	if (bank_width == 1 || bank_width == 2) {
		f->bank_width = bank_width;
		f->device_width = bank_width;
	} else {
		f->bank_width = 4;
		f->device_width = 2;
	}
	f->mode = CFI_MODE_ARRAY;
	f->pending = CFI_PEND_NONE;
	f->status = CFI_SR_READY;
	build_table(f);
}

void cfi_dirty_reset(struct cfi_flash *f)
{
	f->dirty.lo = 0;
	f->dirty.hi = 0;
}

bool cfi_in_array_mode(const struct cfi_flash *f)
{
	return f->mode == CFI_MODE_ARRAY && f->pending == CFI_PEND_NONE;
}

/* One device's answer, replicated into each device lane of a bank-wide word. */
static uint64_t replicate(const struct cfi_flash *f, uint64_t dev_value)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < f->bank_width; i += f->device_width)
		r |= dev_value << (8 * i);
	return r;
}

static uint64_t query_word(const struct cfi_flash *f, uint64_t offset)
{
	uint64_t boff = offset >> log2u(f->bank_width);
	return boff < CFI_TABLE_LEN ? replicate(f, f->table[boff]) : 0;
}

static uint64_t ident_word(const struct cfi_flash *f, uint64_t offset)
{
	uint64_t boff = offset >> log2u(f->bank_width);
	switch (boff & 0xff) {
	case 0:
		return replicate(f, CFI_MANUFACTURER);
	case 1:
		return replicate(f, CFI_DEVICE_ID);
	default:
		return 0; /* block lock status and the rest: not emulated */
	}
}

/* A read wider than the bank combines the answers for consecutive bank words. */
static uint64_t bank_words(const struct cfi_flash *f, uint64_t offset, unsigned width,
			   uint64_t (*word)(const struct cfi_flash *, uint64_t))
{
	uint64_t r = 0;
	unsigned bw = f->bank_width;
	for (unsigned i = 0; i < width; i += bw)
		r |= word(f, offset + i) << (8 * i);
	return r & width_mask(width);
}

static uint64_t status_value(const struct cfi_flash *f, unsigned width)
{
	uint64_t r = 0;
	unsigned dw = f->device_width;
	if (width <= dw)
		return f->status;
	for (unsigned i = 0; i + dw <= width; i += dw)
		r |= (uint64_t)f->status << (8 * i);
	return r;
}

uint64_t cfi_read(struct cfi_flash *f, uint64_t offset, unsigned width)
{
	if (!width_ok(width) || !range_ok(f, offset, width))
		return 0;
	if (f->pending != CFI_PEND_NONE)
		return status_value(f, width);
	switch (f->mode) {
	case CFI_MODE_ARRAY: {
		uint64_t r = 0;
		for (unsigned i = 0; i < width; i++)
			r |= (uint64_t)f->data[offset + i] << (8 * i);
		return r;
	}
	case CFI_MODE_STATUS:
		return status_value(f, width);
	case CFI_MODE_ID:
		return bank_words(f, offset, width, ident_word);
	case CFI_MODE_QUERY:
		return bank_words(f, offset, width, query_word);
	}
	return 0;
}

/* Programming can only clear bits. */
static void program(struct cfi_flash *f, uint64_t offset, unsigned width, uint64_t value)
{
	for (unsigned i = 0; i < width; i++)
		f->data[offset + i] &= (uint8_t)(value >> (8 * i));
	dirty_mark(f, offset, offset + width);
}

static void seq_error(struct cfi_flash *f)
{
	f->status |= CFI_SR_SEQ_ERR;
	f->pending = CFI_PEND_NONE;
	f->mode = CFI_MODE_STATUS;
}

static void to_status(struct cfi_flash *f)
{
	f->pending = CFI_PEND_NONE;
	f->mode = CFI_MODE_STATUS;
}

static void to_array(struct cfi_flash *f)
{
	f->pending = CFI_PEND_NONE;
	f->mode = CFI_MODE_ARRAY;
}

static void command(struct cfi_flash *f, uint8_t cmd)
{
	switch (cmd) {
	case 0x00: /* QEMU's internal READ_ARRAY value */
	case 0xf0: /* AMD reset / probe */
	case 0xff: /* read array */
		to_array(f);
		break;
	case 0x10:
	case 0x40:
		f->pending = CFI_PEND_PROGRAM;
		break;
	case 0x20:
		f->pending = CFI_PEND_ERASE;
		break;
	case 0x50: /* clear status: error bits go, ready stays; back to array as QEMU does */
		f->status = CFI_SR_READY;
		to_array(f);
		break;
	case 0x60:
		f->pending = CFI_PEND_LOCK;
		break;
	case 0x70:
		f->mode = CFI_MODE_STATUS;
		break;
	case 0x90:
		f->mode = CFI_MODE_ID;
		break;
	case 0x98:
		f->mode = CFI_MODE_QUERY;
		break;
	case 0xe8:
		f->pending = CFI_PEND_BUF_COUNT;
		f->mode = CFI_MODE_STATUS;
		break;
	default: /* unknown command: QEMU drops back to read array */
		to_array(f);
		break;
	}
}

static void buf_data(struct cfi_flash *f, uint64_t offset, unsigned width, uint64_t value)
{
	if (!f->buf_started) {
		f->buf_base = offset & ~(uint64_t)(f->wbuf_size - 1);
		f->buf_started = true;
	}
	if (offset < f->buf_base || offset - f->buf_base + width > f->wbuf_size) {
		seq_error(f);
		return;
	}
	uint64_t at = offset - f->buf_base;
	for (unsigned i = 0; i < width; i++) {
		f->buf[at + i] = (uint8_t)(value >> (8 * i));
		f->buf_valid[at + i] = 1;
	}
	if (--f->buf_left == 0)
		f->pending = CFI_PEND_BUF_CONFIRM;
}

static void buf_commit(struct cfi_flash *f)
{
	for (uint32_t i = 0; i < f->wbuf_size; i++) {
		if (!f->buf_valid[i])
			continue;
		uint64_t at = f->buf_base + i;
		if (at < f->size) {
			f->data[at] &= f->buf[i];
			dirty_mark(f, at, at + 1);
		}
	}
}

void cfi_write(struct cfi_flash *f, uint64_t offset, unsigned width, uint64_t value)
{
	if (!width_ok(width) || !range_ok(f, offset, width))
		return;
	value &= width_mask(width);
	uint8_t cmd = (uint8_t)value;

	switch (f->pending) {
	case CFI_PEND_NONE:
		command(f, cmd);
		break;
	case CFI_PEND_PROGRAM:
		program(f, offset, width, value);
		f->status |= CFI_SR_READY;
		to_status(f);
		break;
	case CFI_PEND_ERASE:
		if (cmd == 0xd0) {
			uint64_t base = offset & ~(uint64_t)(CFI_SECTOR_LEN - 1);
			uint64_t len = CFI_SECTOR_LEN;
			if (len > f->size - base)
				len = f->size - base;
			memset(f->data + base, 0xff, len);
			dirty_mark(f, base, base + len);
			f->status |= CFI_SR_READY;
			to_status(f);
		} else if (cmd == 0xff) {
			to_array(f);
		} else {
			seq_error(f);
		}
		break;
	case CFI_PEND_LOCK:
		if (cmd == 0x01 || cmd == 0xd0)
			to_status(f);
		else
			to_array(f);
		break;
	case CFI_PEND_BUF_COUNT: {
		uint64_t words = (value & width_mask(f->device_width)) + 1;
		if (words > f->wbuf_size / f->bank_width) {
			seq_error(f);
			break;
		}
		f->buf_left = (uint32_t)words;
		f->buf_started = false;
		memset(f->buf_valid, 0, sizeof(f->buf_valid));
		f->pending = CFI_PEND_BUF_DATA;
		break;
	}
	case CFI_PEND_BUF_DATA:
		buf_data(f, offset, width, value);
		break;
	case CFI_PEND_BUF_CONFIRM:
		if (cmd == 0xd0) {
			buf_commit(f);
			f->status |= CFI_SR_READY;
			to_status(f);
		} else {
			seq_error(f);
		}
		break;
	}
}
