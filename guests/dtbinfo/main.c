/* dtbinfo: a guest that prints what its device tree says (memory, cpus, bootargs, initrd with a
 * checksum of its bytes, uart, flash) and says hello through the UART it finds there. It runs
 * under any description, so the tests boot it with KERNEL= as a raw and as an ELF file. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "lib/fdt.h"

#define UART_THR      0
#define UART_LSR      5
#define UART_LSR_THRE 0x20

static uint64_t prop_u64(const void *dtb, int node, const char *name)
{
	int len;
	const fdt32_t *p = fdt_getprop(dtb, node, name, &len);
	if (!p)
		return 0;
	return len == 8 ? (uint64_t)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]) : fdt32_to_cpu(p[0]);
}

/* FNV-1a over the initrd's bytes, so the test can check they arrived intact. */
static uint32_t fnv1a(const uint8_t *p, uint64_t n)
{
	uint32_t h = 2166136261u;
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static void print_cpus(const void *dtb)
{
	int cpus = fdt_path_offset(dtb, "/cpus"), n = 0;
	const char *isa = "?";
	int node;
	fdt_for_each_subnode(node, dtb, cpus) {
		const char *type = fdt_getprop(dtb, node, "device_type", NULL);
		if (type && !strcmp(type, "cpu")) {
			n++;
			isa = fdt_getprop(dtb, node, "riscv,isa", NULL) ?: "?";
		}
	}
	printf("dtbinfo: cpus %d, timebase %lu, isa %s\n", n,
	       (unsigned long)prop_u64(dtb, cpus, "timebase-frequency"), isa);
}

static void print_initrd(const void *dtb)
{
	int chosen = fdt_path_offset(dtb, "/chosen");
	uint64_t start = prop_u64(dtb, chosen, "linux,initrd-start"), end = prop_u64(dtb, chosen, "linux,initrd-end");
	if (!end) {
		printf("dtbinfo: no initrd\n");
		return;
	}
	printf("dtbinfo: initrd 0x%lx-0x%lx, %lu bytes, fnv1a 0x%08x\n", (unsigned long)start,
	       (unsigned long)end, (unsigned long)(end - start),
	       (unsigned)fnv1a((const uint8_t *)(uintptr_t)start, end - start));
}

static void uart_hello(const void *dtb)
{
	uint64_t base, size;
	if (guest_fdt_find_reg(dtb, "ns16550a", &base, &size)) {
		printf("dtbinfo: no uart\n");
		return;
	}
	printf("dtbinfo: uart at 0x%lx\n", (unsigned long)base);
	fflush(stdout);
	volatile uint8_t *uart = (volatile uint8_t *)(uintptr_t)base;
	for (const char *s = "dtbinfo: hello through the uart\n"; *s; s++) {
		while (!(uart[UART_LSR] & UART_LSR_THRE))
			;
		uart[UART_THR] = (uint8_t)*s;
	}
}

int main(unsigned long hartid, unsigned long dtb_addr)
{
	const void *dtb = (const void *)dtb_addr;
	if (!dtb_addr || fdt_check_header(dtb)) {
		printf("dtbinfo: hart %lu: no valid device tree at 0x%lx\n", hartid, dtb_addr);
		return 1;
	}
	uint64_t base, size;
	int mem = fdt_subnode_offset_namelen(dtb, 0, "memory", 6);
	int len;
	const fdt32_t *reg = mem >= 0 ? fdt_getprop(dtb, mem, "reg", &len) : NULL;
	if (reg && len == 16)
		printf("dtbinfo: memory 0x%lx size 0x%lx\n",
		       (unsigned long)((uint64_t)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1])),
		       (unsigned long)((uint64_t)fdt32_to_cpu(reg[2]) << 32 | fdt32_to_cpu(reg[3])));
	print_cpus(dtb);
	printf("dtbinfo: bootargs \"%s\"\n", guest_fdt_bootargs(dtb));
	print_initrd(dtb);
	if (guest_fdt_find_reg(dtb, "cfi-flash", &base, &size) == 0)
		printf("dtbinfo: flash at 0x%lx size 0x%lx\n", (unsigned long)base, (unsigned long)size);
	else
		printf("dtbinfo: no flash\n");
	uart_hello(dtb);
	printf("dtbinfo: done\n");
	return 0;
}
