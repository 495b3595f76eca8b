/* timer.c: the guest's S-mode timer (see timer.h): reads riscv,isa and timebase-frequency from
 * the guest's device tree, then sets deadlines through stimecmp or SBI TIME set_timer. */
#include <string.h>
#include <libfdt.h>
#include "lib/csr.h"
#include "lib/sbi.h"
#include "lib/timer.h"

static enum guest_timer_mode timer_mode = GUEST_TIMER_SBI;

/* The first node under /cpus that has a riscv,isa property, or a negative libfdt error. */
static int first_cpu_node(const void *dtb)
{
	int cpus = fdt_path_offset(dtb, "/cpus");
	if (cpus < 0)
		return cpus;
	int node;
	fdt_for_each_subnode(node, dtb, cpus)
		if (fdt_getprop(dtb, node, "riscv,isa", NULL) != NULL)
			return node;
	return -FDT_ERR_NOTFOUND;
}

bool guest_fdt_isa_has(const void *dtb, const char *ext)
{
	if (dtb == NULL || fdt_check_header(dtb) != 0)
		return false;
	int node = first_cpu_node(dtb);
	if (node < 0)
		return false;
	int len;
	const char *isa = fdt_getprop(dtb, node, "riscv,isa", &len);
	if (isa == NULL || len <= 0 || isa[len - 1] != '\0')
		return false;
	size_t n = strlen(ext);
	/* multi-letter names follow the single letters, each after a '_' */
	for (const char *p = strchr(isa, '_'); p != NULL; p = strchr(p + 1, '_'))
		if (strncmp(p + 1, ext, n) == 0 && (p[1 + n] == '_' || p[1 + n] == '\0'))
			return true;
	return false;
}

unsigned long guest_fdt_timebase(const void *dtb)
{
	if (dtb == NULL || fdt_check_header(dtb) != 0)
		return GUEST_TIMEBASE_DEFAULT;
	int cpus = fdt_path_offset(dtb, "/cpus");
	if (cpus < 0)
		return GUEST_TIMEBASE_DEFAULT;
	int len;
	const fdt32_t *p = fdt_getprop(dtb, cpus, "timebase-frequency", &len);
	if (p == NULL)
		return GUEST_TIMEBASE_DEFAULT;
	if (len == 4)
		return fdt32_to_cpu(p[0]);
	if (len == 8)
		return ((unsigned long)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1]);
	return GUEST_TIMEBASE_DEFAULT;
}

enum guest_timer_mode guest_timer_init(const void *dtb)
{
	timer_mode = guest_fdt_isa_has(dtb, "sstc") ? GUEST_TIMER_SSTC : GUEST_TIMER_SBI;
	return timer_mode;
}

enum guest_timer_mode guest_timer_mode(void)
{
	return timer_mode;
}

const char *guest_timer_mode_name(void)
{
	return timer_mode == GUEST_TIMER_SSTC ? "stimecmp (Sstc)" : "SBI set_timer";
}

void guest_timer_set(unsigned long deadline)
{
	if (timer_mode == GUEST_TIMER_SSTC)
		csr_write(CSR_STIMECMP, deadline);
	else
		sbi_set_timer(deadline);
}

void guest_timer_stop(void)
{
	guest_timer_set(~0UL);
}
