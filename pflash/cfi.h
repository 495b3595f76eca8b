/* cfi.h: a portable model of an Intel/Sharp command-set (CFI 0x0001) NOR flash bank, as QEMU's
 * pflash_cfi01 presents it on the virt machine: bank width 4 made of two x16 devices, 256 KiB
 * erase blocks, manufacturer 0x89, device 0x18. Pure C; the caller owns the backing bytes and
 * writes back the range named by `dirty` after each cfi_write that changed it.
 */
#ifndef PFLASH_CFI_H
#define PFLASH_CFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CFI_SECTOR_LEN     (256u * 1024u)  /* erase block of the whole bank */
#define CFI_MANUFACTURER   0x89u           /* QEMU virt: id0 */
#define CFI_DEVICE_ID      0x18u           /* QEMU virt: id1 */
#define CFI_TABLE_LEN      0x52u
#define CFI_WBUF_MAX       4096u           /* write buffer of the bank: 2^0x0b bytes per device */

/* Status register bits. */
#define CFI_SR_READY       0x80u  /* SR.7 write state machine ready */
#define CFI_SR_ERASE_ERR   0x20u  /* SR.5 erase error (with SR.4: command sequence error) */
#define CFI_SR_PROG_ERR    0x10u  /* SR.4 program error */
#define CFI_SR_SEQ_ERR     (CFI_SR_ERASE_ERR | CFI_SR_PROG_ERR)

/* What a read returns. */
enum cfi_mode {
	CFI_MODE_ARRAY,   /* the array contents */
	CFI_MODE_STATUS,  /* the status register */
	CFI_MODE_ID,      /* manufacturer and device identifiers */
	CFI_MODE_QUERY,   /* the CFI query table */
};

/* The next write completes a multi-cycle command (reads return status meanwhile). */
enum cfi_pending {
	CFI_PEND_NONE,
	CFI_PEND_PROGRAM,     /* after 0x10/0x40: the data write */
	CFI_PEND_ERASE,       /* after 0x20: the 0xd0 confirm */
	CFI_PEND_LOCK,        /* after 0x60: 0x01 / 0xd0 (locking is not emulated) */
	CFI_PEND_BUF_COUNT,   /* after 0xe8: word count - 1 */
	CFI_PEND_BUF_DATA,    /* data words into the write buffer */
	CFI_PEND_BUF_CONFIRM, /* the 0xd0 confirm that programs the buffer */
};

/* Bytes [lo, hi) changed since the caller last reset the record; empty when hi == 0. */
struct cfi_dirty {
	uint64_t lo, hi;
};

struct cfi_flash {
	uint8_t *data;           /* caller-owned backing bytes */
	size_t size;
	unsigned bank_width;     /* bytes per bus access of the bank (QEMU virt: 4) */
	unsigned device_width;   /* bytes per device (QEMU virt: 2, so two devices side by side) */
	uint32_t wbuf_size;      /* write-buffer bytes of the bank (power of two, <= CFI_WBUF_MAX) */
	enum cfi_mode mode;
	enum cfi_pending pending;
	uint8_t status;
	struct cfi_dirty dirty;
	/* buffered write in progress */
	uint32_t buf_left;       /* data writes still expected */
	bool buf_started;
	uint64_t buf_base;       /* CFI_WBUF_MAX-aligned window the data writes fall in */
	uint8_t buf[CFI_WBUF_MAX];
	uint8_t buf_valid[CFI_WBUF_MAX];
	uint8_t table[CFI_TABLE_LEN]; /* one device's CFI query table */
};

/* bank_width 4 models QEMU virt (two x16 devices); 1 or 2 model one device of that width;
 * any other value is treated as 4. The device starts in read-array mode with status ready. */
void cfi_init(struct cfi_flash *f, uint8_t *data, size_t size, unsigned bank_width);
/* width 1, 2, 4 or 8, little endian; 0 for other widths and offsets outside the device. */
uint64_t cfi_read(struct cfi_flash *f, uint64_t offset, unsigned width);
/* A command or data write; ignored when outside the device or of an unsupported width. */
void cfi_write(struct cfi_flash *f, uint64_t offset, unsigned width, uint64_t value);
/* True when reads return the array, so they can be served from a read-only mapping. */
bool cfi_in_array_mode(const struct cfi_flash *f);
/* Forget the dirty range (after the caller wrote it back). */
void cfi_dirty_reset(struct cfi_flash *f);

#endif
