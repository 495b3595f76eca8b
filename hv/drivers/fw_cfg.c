/* fw_cfg.c: reads items of QEMU's fw_cfg device through its MMIO data and selector registers. */
#include "drivers/fw_cfg.h"

#define FW_CFG_DATA         0x0   /* reads return the selected item's bytes in order */
#define FW_CFG_SELECTOR     0x8   /* 16-bit, big-endian */
#define FW_CFG_SIGNATURE    0x00
#define FW_CFG_CMDLINE_SIZE 0x14
#define FW_CFG_CMDLINE_DATA 0x15

static void select_item(uint64_t base, uint16_t key)
{
	*(volatile uint16_t *)(uintptr_t)(base + FW_CFG_SELECTOR) = (uint16_t)(key << 8 | key >> 8);
}

static uint8_t read_byte(uint64_t base)
{
	return *(volatile uint8_t *)(uintptr_t)(base + FW_CFG_DATA);
}

static uint32_t read_le32(uint64_t base)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)read_byte(base) << (8 * i);
	return v;
}

size_t fw_cfg_read_cmdline(uint64_t base, char *buf, size_t len)
{
	if (!base || !len)
		return 0;
	buf[0] = 0;
	select_item(base, FW_CFG_SIGNATURE);
	if (read_byte(base) != 'Q' || read_byte(base) != 'E' || read_byte(base) != 'M' || read_byte(base) != 'U')
		return 0;
	select_item(base, FW_CFG_CMDLINE_SIZE);
	uint32_t size = read_le32(base);   /* includes the NUL */
	select_item(base, FW_CFG_CMDLINE_DATA);
	size_t n = 0;
	for (uint32_t i = 0; i < size && n + 1 < len; i++) {
		char c = (char)read_byte(base);
		if (!c)
			break;
		buf[n++] = c;
	}
	buf[n] = 0;
	return n;
}
