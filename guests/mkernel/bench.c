/* bench.c: the mkernel's mapping benchmark (make bench): with the bootargs word bench=map it maps
 * a fresh user page, touches it and unmaps it, iters=N times (default 20000), over 256 user VAs,
 * and prints "bench: mkernel-map T ticks per N" instead of running the application. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/csr.h"
#include "lib/fdt.h"
#include "kernel.h"

#define BENCH_VA_BASE  0x100000UL       /* user VAs, far above the loaded application's pages */
#define BENCH_VA_PAGES 256UL

/* The value of word key=VALUE in the space-separated s, or NULL; *len gets its length. */
static const char *word_value(const char *s, const char *key, size_t *len)
{
	size_t klen = strlen(key);
	while (*s) {
		while (*s == ' ')
			s++;
		size_t w = strcspn(s, " ");
		if (w > klen && !strncmp(s, key, klen) && s[klen] == '=') {
			*len = w - klen - 1;
			return s + klen + 1;
		}
		s += w;
	}
	return NULL;
}

bool bench_requested(const void *dtb)
{
	size_t len;
	const char *v = word_value(guest_fdt_bootargs(dtb), "bench", &len);
	return v && len == 3 && !strncmp(v, "map", 3);
}

int bench_map_run(const void *dtb)
{
	size_t len;
	const char *v = word_value(guest_fdt_bootargs(dtb), "iters", &len);
	unsigned long n = v ? strtoul(v, NULL, 0) : 20000;
	unsigned long sink = 0;
	uint64_t t0 = rdtime();
	for (unsigned long i = 0; i < n; i++) {
		uint64_t va = BENCH_VA_BASE + (i % BENCH_VA_PAGES) * PAGE_SIZE;
		void *page = mm_page_alloc();
		if (page == NULL || mm_map_user(va, page, PTE_R | PTE_W)) {
			printf("mkernel: bench: cannot map 0x%lx\n", (unsigned long)va);
			return 1;
		}
		csr_set(CSR_SSTATUS, SSTATUS_SUM);
		*(volatile unsigned long *)va = i;
		sink += *(volatile unsigned long *)va;
		csr_clear(CSR_SSTATUS, SSTATUS_SUM);
		if (mm_unmap_user(va) != page) {
			printf("mkernel: bench: unmap of 0x%lx failed\n", (unsigned long)va);
			return 1;
		}
		mm_page_free(page);
	}
	uint64_t t = rdtime() - t0;
	printf("bench: mkernel-map %lu ticks per %lu\n", (unsigned long)t, n);
	(void)sink;
	return 0;
}
