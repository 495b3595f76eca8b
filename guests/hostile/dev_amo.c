/* dev_amo.c: atomics (AMOs and LR/SC) to every emulated device. None of them supports atomics, as
 * I/O regions of real hardware often do not: the guest gets an access fault (AMO and SC: store/AMO
 * access fault 7; LR, a load: load access fault 5) with stval = the address, and the VM goes on.
 * QEMU lets an SC without a matching reservation fail (rd = 1) without touching memory, which the
 * A extension allows. The pflash contents in array mode are mapped read-only memory: LR reads them. */
#include <stdio.h>
#include "hostile/common/devices.h"
#include "hostile/common/hostile.h"

static unsigned long result;

static void amoswap_w(unsigned long a) { __asm__ volatile("amoswap.w %0, zero, (%1)" : "=r"(result) : "r"(a) : "memory"); }
static void amoadd_d(unsigned long a)  { __asm__ volatile("amoadd.d %0, zero, (%1)" : "=r"(result) : "r"(a) : "memory"); }
static void amoor_w_aqrl(unsigned long a) { __asm__ volatile("amoor.w.aqrl %0, zero, (%1)" : "=r"(result) : "r"(a) : "memory"); }
static void lr_w(unsigned long a)      { __asm__ volatile("lr.w %0, (%1)" : "=r"(result) : "r"(a) : "memory"); }
static void lr_d(unsigned long a)      { __asm__ volatile("lr.d %0, (%1)" : "=r"(result) : "r"(a) : "memory"); }

static void sc_w(unsigned long a)
{
	__asm__ volatile("li %0, 7\n\tsc.w %0, zero, (%1)" : "=&r"(result) : "r"(a) : "memory");
}

static void attack(const char *dev, unsigned long addr)
{
	static const struct { const char *name; void (*fn)(unsigned long); } ops[] = {
		{ "amoswap.w", amoswap_w }, { "amoadd.d", amoadd_d }, { "amoor.w.aqrl", amoor_w_aqrl },
		{ "lr.w", lr_w }, { "lr.d", lr_d },
	};
	char what[48];
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		snprintf(what, sizeof(what), "%s %s", dev, ops[i].name);
		hostile_try(what, ops[i].fn, addr);
	}
	snprintf(what, sizeof(what), "%s sc.w", dev);
	if (!hostile_try(what, sc_w, addr))
		printf("hostile: %s sc.w: rd=%lu\n", dev, result);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	attack("testdev", HOSTILE_TESTDEV);
	attack("uart", HOSTILE_UART);
	attack("plic", HOSTILE_PLIC_PRIO10);
	attack("flash", HOSTILE_FLASH);
	/* command mode: the whole flash exits; an LR now faults too */
	hostile_store(HOSTILE_FLASH, 4, CFI_QUERY);
	hostile_try("flash query lr.w", lr_w, HOSTILE_FLASH + 0x40);
	hostile_try("flash query amoswap.w", amoswap_w, HOSTILE_FLASH + 0x40);
	hostile_store(HOSTILE_FLASH, 4, CFI_READ_ARRAY);
	/* the devices still work after all that */
	printf("hostile: testdev after: 0x%lx\n", hostile_load(HOSTILE_TESTDEV, 8));
	printf("hostile: plic priority 10 after: %lu\n", hostile_load(HOSTILE_PLIC_PRIO10, 4));
	hostile_done("dev_amo");
}
