/* boot.c: the boot hart's path from OpenSBI's entry to running VMs, and the final power-off. */
#include <stdio.h>
#include <libfdt.h>
#include "riscv/sbi_call.h"
#include "core/banner.h"
#include "core/boot.h"
#include "vm/console.h"
#include "fs/disk.h"
#include "base/err.h"
#include "base/host_dtb.h"
#include "base/log.h"
#include "drivers/fw_cfg.h"
#include "fs/files.h"
#include "mm/page_alloc.h"

extern char __image_start[], __image_end[];

/* Everything the allocator must not hand out: OpenSBI's regions, this image, the host DTB. */
static int collect_reserved(struct mem_range *out, int max, const void *dtb)
{
	int n = 0;
	for (int i = 0; i < host.nreserved && n < max; i++)
		out[n++] = host.reserved[i];
	if (n < max)
		out[n++] = (struct mem_range){ (uintptr_t)__image_start,
					       (uintptr_t)__image_end - (uintptr_t)__image_start };
	if (n < max)
		out[n++] = (struct mem_range){ (uintptr_t)dtb, fdt_totalsize(dtb) };
	return n;
}

static void check_h_extension(void)
{
	if (host.isa_error[0]) {
		log_error("the host device tree's ISA cannot be read: %s; cannot continue", host.isa_error);
		sbi_poweroff();
	}
	if (host.has_h)
		return;
	log_error("the RISC-V H extension is missing (this hart's ISA is \"%s\"): Hartvisor needs it "
		  "to run guests. Fix: run QEMU with -cpu rv64 (H is on by default) and without h=false.",
		  host.isa.string ? host.isa.string : "(riscv,isa-extensions)");
	sbi_poweroff();
}

void boot_main(unsigned long hartid, const void *dtb)
{
	if (host_dtb_parse(dtb, (uint32_t)hartid, &host)) {
		log_error("no valid device tree at 0x%lx from OpenSBI; cannot continue", (unsigned long)(uintptr_t)dtb);
		sbi_poweroff();
	}
	if (host.uart.base)
		console_use_uart(host.uart.base, host.uart_reg_shift);
	if (!host.bootargs[0])
		fw_cfg_read_cmdline(host.fw_cfg.base, host.bootargs, sizeof(host.bootargs));
	banner_print(&host, dtb, (uintptr_t)__image_start, (uintptr_t)__image_end);
	check_h_extension();

	struct mem_range reserved[HOST_MAX_RESERVED + 2];
	int nreserved = collect_reserved(reserved, HOST_MAX_RESERVED + 2, dtb);
	if (page_alloc_init(&hv_pages, host.ram, host.nram, reserved, nreserved)) {
		log_error("cannot set up the page allocator over host RAM");
		sbi_poweroff();
	}
	log_info("page allocator: %lu free pages (%lu MiB)", (unsigned long)page_alloc_free_count(&hv_pages),
		 (unsigned long)(page_alloc_free_count(&hv_pages) * PAGE_SIZE >> 20));

	if (disk_open(&host) == HV_OK && files_init() == HV_OK)
		hv_run(&host);
	log_info("nothing left to run; powering off");
	sbi_poweroff();
}

void secondary_main(unsigned long hartid, unsigned long opaque)
{
	(void)hartid;
	(void)opaque;
	for (;;)
		__asm__ volatile("wfi");
}
