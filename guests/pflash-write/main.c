/* main.c: the pflash-write guest: programs the CFI flash (Intel/Sharp command set, bank width 4
 * made of two x16 devices, so every command is replicated in both 16-bit halves). Its last 256 KiB
 * erase block holds records, u32 word i = 0x52430000 | i: it counts them, erases the block when a
 * word is corrupt or the block is full, and appends one record, by word program when the count is
 * even and by a one-word buffered write when odd. With "reboot" in its bootargs and an even count
 * it asks for a cold reboot afterwards, so successive boots exercise both kinds of write. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "lib/csr.h"
#include "lib/fdt.h"
#include "lib/sbi.h"

#define BLOCK_SIZE   0x40000u
#define BLOCK_WORDS  (BLOCK_SIZE / 4)
#define MAX_RECORDS  64
#define RECORD(i)    (0x52430000u | (uint32_t)(i))
#define ERASED       0xffffffffu

#define CMD(c)             ((uint32_t)(c) << 16 | (uint32_t)(c))  /* one command, both devices */
#define CMD_READ_ARRAY     CMD(0xff)
#define CMD_CLEAR_STATUS   CMD(0x50)
#define CMD_WORD_PROGRAM   CMD(0x40)
#define CMD_BLOCK_ERASE    CMD(0x20)
#define CMD_BUFFERED_WRITE CMD(0xe8)
#define CMD_CONFIRM        CMD(0xd0)
#define SR_READY           CMD(0x80)         /* bit 7: ready */
#define SR_ERRORS          CMD(0x20 | 0x10)  /* bit 5: erase error, bit 4: program error */
#define POLL_LIMIT         100000            /* status reads before giving up */

/* Reads status (what a read returns while a command is pending) until both devices are ready.
 * Returns the status, or 0 when they never became ready. */
static uint32_t flash_wait_ready(volatile uint32_t *addr)
{
	for (int i = 0; i < POLL_LIMIT; i++) {
		uint32_t status = *addr;
		if ((status & SR_READY) == SR_READY)
			return status;
	}
	return 0;
}

/* Ends a command: waits for ready, clears the status, returns to read array. 0 when no error. */
static int flash_finish(volatile uint32_t *addr)
{
	uint32_t status = flash_wait_ready(addr);
	*addr = CMD_CLEAR_STATUS;
	*addr = CMD_READ_ARRAY;
	if ((status & SR_READY) != SR_READY || (status & SR_ERRORS) != 0) {
		printf("pflash-write: program failed, status 0x%08x\n", (unsigned)status);
		return -1;
	}
	return 0;
}

static int block_erase(volatile uint32_t *block)
{
	block[0] = CMD_BLOCK_ERASE;
	block[0] = CMD_CONFIRM;
	if (flash_finish(block) < 0)
		return -1;
	for (uint32_t i = 0; i < BLOCK_WORDS; i++) {
		if (block[i] != ERASED) {
			printf("pflash-write: erase failed, word %u reads 0x%08x\n", (unsigned)i,
			       (unsigned)block[i]);
			return -1;
		}
	}
	printf("pflash-write: block erased\n");
	return 0;
}

static int word_program(volatile uint32_t *addr, uint32_t value)
{
	*addr = CMD_WORD_PROGRAM;
	*addr = value;
	return flash_finish(addr);
}

static int buffered_write_one(volatile uint32_t *addr, uint32_t value)
{
	*addr = CMD_BUFFERED_WRITE;
	if (flash_wait_ready(addr) == 0)  /* the write buffer is available */
		return flash_finish(addr);
	*addr = 0;                        /* word count - 1, in each half */
	*addr = value;
	*addr = CMD_CONFIRM;
	return flash_finish(addr);
}

/* True when word appears in s as a whole space-separated word. */
/* Ticks for 1000 reads of addr: in status mode every read exits to the emulation; in array mode
 * none does (read-only mapping). Under -icount shift=0 a tick of the 10 MHz timebase is 100
 * instructions, so the figure is instructions per 10 reads. */
static uint64_t time_1000_reads(volatile uint32_t *addr)
{
	uint32_t sink = 0;
	uint64_t t0 = rdtime();
	for (int i = 0; i < 1000; i++)
		sink += *addr;
	(void)sink;
	return rdtime() - t0;
}

static void measure_reads(volatile uint32_t *addr)
{
	*addr = CMD(0x70);   /* read status register */
	uint64_t status = time_1000_reads(addr);
	*addr = CMD_READ_ARRAY;
	uint64_t array = time_1000_reads(addr);
	printf("pflash-write: measure status-read %lu ticks per 1000 reads, array-read %lu\n",
	       (unsigned long)status, (unsigned long)array);
}

static bool has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	while (*s != '\0') {
		size_t len = strcspn(s, " \t\n");
		if (len == n && strncmp(s, word, n) == 0)
			return true;
		s += len;
		s += strspn(s, " \t\n");
	}
	return false;
}

int main(unsigned long hartid, unsigned long dtb)
{
	uint64_t base, size;
	(void)hartid;

	if (guest_fdt_find_reg((const void *)dtb, "cfi-flash", &base, &size) < 0 ||
	    size < BLOCK_SIZE) {
		printf("pflash-write: no usable cfi-flash device in the device tree\n");
		return 1;
	}
	volatile uint32_t *block = (volatile uint32_t *)(uintptr_t)(base + size - BLOCK_SIZE);

	printf("pflash-write: time at start %lu\n", (unsigned long)rdtime());
	int c = 0;
	while (c < MAX_RECORDS && block[c] == RECORD(c))
		c++;
	if (c == MAX_RECORDS) {
		printf("pflash-write: block full, erased\n");
		c = 0;
		if (block_erase(block) < 0)
			return 1;
	} else if (block[c] != ERASED) {
		printf("pflash-write: corrupt record at %d, erasing\n", c);
		c = 0;
		if (block_erase(block) < 0)
			return 1;
	}
	printf("pflash-write: found %d records\n", c);

	volatile uint32_t *rec = &block[c];
	int err = c % 2 == 0 ? word_program(rec, RECORD(c)) : buffered_write_one(rec, RECORD(c));
	if (err < 0)
		return 1;
	uint32_t got = *rec;
	printf("pflash-write: wrote record %d, read back 0x%08x\n", c, (unsigned)got);
	if (got != RECORD(c))
		return 1;
	measure_reads(rec);

	if (c % 2 == 0 && has_word(guest_fdt_bootargs((const void *)dtb), "reboot")) {
		printf("pflash-write: rebooting at time %lu\n", (unsigned long)rdtime());
		sbi_system_reset(SBI_SRST_COLD_REBOOT, SBI_SRST_REASON_NONE);
		printf("pflash-write: reboot request failed\n");
		return 1;
	}
	printf("pflash-write: done\n");
	return 0;
}
