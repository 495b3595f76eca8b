/* cfi_host.c: word program and block erase on the host's flash bank through its command set. */
#include "base/err.h"
#include "drivers/cfi_host.h"

/* Commands, replicated for both x16 devices of the 32-bit bank. */
#define CMD_READ_ARRAY   0x00ff00ffu
#define CMD_CLEAR_STATUS 0x00500050u
#define CMD_PROGRAM      0x00400040u
#define CMD_ERASE        0x00200020u
#define CMD_CONFIRM      0x00d000d0u
#define SR_READY         0x00800080u
#define SR_ERRORS        0x00300030u
#define POLL_LIMIT       1000000

static volatile uint32_t *word_at(hpa_t base, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(base + off);
}

static uint32_t load_word(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Waits for the write state machine, then checks and clears its error bits. */
static int wait_ready(volatile uint32_t *w)
{
	uint32_t sr = 0;
	for (int i = 0; i < POLL_LIMIT && (sr & SR_READY) != SR_READY; i++)
		sr = *w;
	*w = CMD_CLEAR_STATUS;
	*w = CMD_READ_ARRAY;
	return (sr & SR_READY) == SR_READY && !(sr & SR_ERRORS) ? HV_OK : HV_EIO;
}

static int program_word(hpa_t base, uint64_t off, uint32_t value)
{
	volatile uint32_t *w = word_at(base, off);
	*w = CMD_PROGRAM;
	*w = value;
	return wait_ready(w);
}

static int erase_block(hpa_t base, uint64_t off)
{
	volatile uint32_t *w = word_at(base, off);
	*w = CMD_ERASE;
	*w = CMD_CONFIRM;
	return wait_ready(w);
}

/* Programs the words of [lo, hi) whose host value differs from want (only clearing bits). */
static int program_range(hpa_t base, const uint8_t *want, uint64_t lo, uint64_t hi)
{
	for (uint64_t off = lo; off < hi; off += 4) {
		uint32_t v = load_word(want + off);
		if (*word_at(base, off) != v) {
			int err = program_word(base, off, v);
			if (err)
				return err;
		}
	}
	return HV_OK;
}

/* True when some bit of [lo, hi) must go from 0 on the host to 1 in want: only an erase does that. */
static bool needs_erase(hpa_t base, const uint8_t *want, uint64_t lo, uint64_t hi)
{
	for (uint64_t off = lo; off < hi; off += 4) {
		uint32_t v = load_word(want + off);
		if ((*word_at(base, off) & v) != v)
			return true;
	}
	return false;
}

void cfi_host_read_array(hpa_t base)
{
	*word_at(base, 0) = CMD_READ_ARRAY;
}

int cfi_host_sync(hpa_t base, const uint8_t *want, uint64_t lo, uint64_t hi)
{
	cfi_host_read_array(base);
	lo &= ~3UL;
	hi = (hi + 3) & ~3UL;
	for (uint64_t block = lo & ~(uint64_t)(CFI_HOST_BLOCK - 1); block < hi; block += CFI_HOST_BLOCK) {
		uint64_t a = block > lo ? block : lo, b = block + CFI_HOST_BLOCK < hi ? block + CFI_HOST_BLOCK : hi;
		int err = HV_OK;
		if (needs_erase(base, want, a, b)) {
			err = erase_block(base, block);
			a = block;
			b = block + CFI_HOST_BLOCK;
		}
		if (!err)
			err = program_range(base, want, a, b);
		if (err)
			return err;
	}
	return HV_OK;
}
