/* dev_widths.c: every access width (1, 2, 4, 8; loads and stores) to every emulated device. Each
 * device does what it defines for the widths it has (test device: any width; UART: any width, on
 * the byte register at the offset; pflash: any width, in array and in command mode) and the vPLIC,
 * which has 32-bit registers only, answers other widths with an access fault (5 load, 7 store),
 * as does a floating-point access to any device: the VM goes on. */
#include <stdio.h>
#include "hostile/common/devices.h"
#include "hostile/common/hostile.h"

static const char *const load_names[] = { [1] = "lbu", [2] = "lhu", [4] = "lwu", [8] = "ld" };
static const char *const store_names[] = { [1] = "sb", [2] = "sh", [4] = "sw", [8] = "sd" };

/* "<device> <insn> +0x<offset>" */
static const char *what(const char *dev, const char *insn, unsigned long off)
{
	static char buf[64];
	snprintf(buf, sizeof(buf), "%s %s +0x%lx", dev, insn, off);
	return buf;
}

static void widths_load(const char *dev, unsigned long base, unsigned long off)
{
	for (int w = 1; w <= 8; w *= 2)
		hostile_try_load(what(dev, load_names[w], off), base + off, w);
}

static void test_device(void)
{
	widths_load("testdev", HOSTILE_TESTDEV, 0);
	for (int w = 1; w <= 8; w *= 2)
		hostile_try_store(what("testdev", store_names[w], 8), HOSTILE_TESTDEV + 8, w, 0x1234);
}

static void uart(void)
{
	hostile_try_load(what("uart", "lbu", 5), HOSTILE_UART_LSR, 1);          /* THRE | TEMT */
	hostile_try_load(what("uart", "lhu", 6), HOSTILE_UART_MSR, 2);          /* DCD | DSR | CTS */
	hostile_try_store(what("uart", "sw", 4), HOSTILE_UART_MCR, 4, 0x103);   /* DTR | RTS, high bytes dropped */
	hostile_try_load(what("uart", "lwu", 4), HOSTILE_UART_MCR, 4);
	hostile_try_store(what("uart", "sh", 4), HOSTILE_UART_MCR, 2, 0);
	hostile_try_store(what("uart", "sd", 8), HOSTILE_UART + 8, 8, ~0UL);   /* past the registers: ignored */
	hostile_try_store(what("uart", "sb", 7), HOSTILE_UART_SCR, 1, 0x5a);
	hostile_try_load(what("uart", "ld", 0), HOSTILE_UART, 8);                /* RBR: nothing received */
	hostile_try_load(what("uart", "lbu", 7), HOSTILE_UART_SCR, 1);
}

static void plic(void)
{
	hostile_try_store(what("plic", "sw", 0x28), HOSTILE_PLIC_PRIO10, 4, 5);
	widths_load("plic", HOSTILE_PLIC, 0x28);
	for (int w = 1; w <= 8; w *= 2)
		hostile_try_store(what("plic", store_names[w], 0x2000), HOSTILE_PLIC_ENABLE0, w, 1UL << 10);
	hostile_try_load(what("plic", "lwu", 0x2000), HOSTILE_PLIC_ENABLE0, 4);
	hostile_try_load(what("plic", "lwu", 0x200004), HOSTILE_PLIC_CLAIM0, 4);   /* nothing pending */
	hostile_try_store(what("plic", "sw", 0x2000), HOSTILE_PLIC_ENABLE0, 4, 0);
}

static void flash(void)
{
	unsigned long word = hostile_load(HOSTILE_FLASH, 8);
	/* array mode is mapped read-only: reads are plain memory reads of the contents */
	for (int w = 1; w <= 8; w *= 2) {
		unsigned long expect = w == 8 ? word : word & ((1UL << (8 * w)) - 1);
		printf("hostile: flash array %s: %s\n", load_names[w],
		       hostile_load(HOSTILE_FLASH, w) == expect ? "the contents" : "WRONG");
	}
	/* a command of every width: each is the CFI command (a 32-bit bank takes the low byte) */
	for (int w = 1; w <= 8; w *= 2) {
		hostile_try_store(what("flash", store_names[w], 0x40), HOSTILE_FLASH + 0x40, w, CFI_QUERY);
		hostile_try_load(what("flash query", "lbu", 0x40), HOSTILE_FLASH + 0x40, 1);   /* 'Q' */
		hostile_try_store(what("flash", store_names[w], 0), HOSTILE_FLASH, w, CFI_READ_ARRAY);
	}
	hostile_try_store(what("flash", "sw", 0), HOSTILE_FLASH, 4, CFI_QUERY);
	widths_load("flash query", HOSTILE_FLASH, 0x40);
	hostile_try_store(what("flash", "sw", 0), HOSTILE_FLASH, 4, CFI_READ_ARRAY);
	printf("hostile: flash array again: %s\n", hostile_load(HOSTILE_FLASH, 8) == word ? "the contents" : "WRONG");
}

static void fp_load(unsigned long addr)
{
	double d;
	__asm__ volatile("fld %0, 0(%1)" : "=f"(d) : "r"(addr) : "memory");
	(void)d;
}

static void fp_store(unsigned long addr)
{
	__asm__ volatile("fsd %0, 0(%1)" : : "f"(0.0), "r"(addr) : "memory");
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	test_device();
	uart();
	plic();
	flash();
	hostile_try("testdev fld", fp_load, HOSTILE_TESTDEV);
	hostile_try("testdev fsd", fp_store, HOSTILE_TESTDEV);
	hostile_done("dev_widths");
}
