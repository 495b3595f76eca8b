/* vm_create.c: builds a VM from its description (RAM, G-stage, devices, kernel and initrd from
 * the disk, its device tree, vCPUs) and tears it down. */
#include <string.h>
#include "riscv/csr.h"
#include "riscv/guest_access.h"
#include "arch/vcpu_arch.h"
#include "core/boot.h"
#include "base/err.h"
#include "base/log.h"
#include "core/vm_create.h"
#include "vm/vm_devices.h"
#include "arch/vtimer.h"
#include "vm/console.h"
#include "core/watchdog.h"
#include "fs/files.h"
#include "loader/guest_dtb.h"
#include "loader/loader.h"
#include "mm/page_alloc.h"

#define GUEST_DTB_ROOM (64UL << 10)   /* the guest DTB lives in the last 64 KiB of its RAM */

static void gstage_flush(uint16_t vmid, gpa_t gpa, uint64_t size)
{
	(void)gpa; (void)size;
	hfence_gvma_vmid(vmid);
}

static int setup_ram(struct vm *vm, const struct vm_config *cfg)
{
	size_t npages = cfg->ram_size / PAGE_SIZE;
	/* contiguous and aligned so that 2 MiB (or 1 GiB) leaves map it */
	size_t align = cfg->ram_size >= (1UL << 30) ? (1UL << 18) : cfg->ram_size >= (2UL << 20) ? 512 : 1;
	hpa_t ram = page_alloc_pages(&hv_pages, npages, align);
	if (!ram)
		ram = page_alloc_pages(&hv_pages, npages, 1);
	if (!ram) {
		vm_log_error(vm->id, "%s: not enough free host RAM for %lu MiB of guest RAM (%lu MiB free)",
			     cfg->name, (unsigned long)(cfg->ram_size >> 20),
			     (unsigned long)(page_alloc_free_count(&hv_pages) * PAGE_SIZE >> 20));
		return HV_ENOMEM;
	}
	memset((void *)(uintptr_t)ram, 0, cfg->ram_size);
	vm->ram_base = cfg->ram_base;
	vm->ram_size = cfg->ram_size;
	vm->ram_hpa = ram;
	int err = gstage_init(&vm->gstage, &hv_pages, cfg->gstage_levels == 4 ? GSTAGE_SV48X4 : GSTAGE_SV39X4,
			      (uint16_t)(vm->id + 1));
	if (!err) {
		vm->gstage.flush = gstage_flush;
		err = gstage_map_range(&vm->gstage, vm->ram_base, ram, vm->ram_size, GSTAGE_RWX);
	}
	if (err)
		vm_log_error(vm->id, "%s: cannot build the G-stage table for its RAM: %s", cfg->name, hv_strerror(err));
	return err;
}

static struct loader_ram ram_view(const struct vm *vm)
{
	return (struct loader_ram){ vm->ram_base, vm->ram_size, vm_gpa_to_host(vm, vm->ram_base) };
}

/* Opens a file the description names; logs which and why when it cannot. */
static int open_named(struct vm *vm, const char *what, const char *path, struct hv_file *f)
{
	int err = files_open(path, f);
	if (err)
		vm_log_error(vm->id, "%s: %s %s: %s on the %s", vm->name, what, path,
			     err == HV_ENOENT ? "not found" : err == HV_EINVAL ? "is a directory" : hv_strerror(err),
			     files_source());
	return err;
}

/* The loader's message without its own "kernel: " or "initrd: ", which the line names already. */
static const char *loader_detail(const char *err, const char *what)
{
	size_t n = strlen(what);
	return !strncmp(err, what, n) && err[n] == ':' && err[n + 1] == ' ' ? err + n + 2 : err;
}

/* One line on what was loaded, with the throughput for files of 1 MiB or more. */
static void log_load(struct vm *vm, const char *path, const struct loader_result *r, uint64_t size,
		     uint64_t ticks)
{
	uint64_t us = ticks * 1000000 / (host.timebase_hz ? host.timebase_hz : 1);
	if (size < (1UL << 20) || us == 0) {
		vm_log_info(vm->id, "%s: %s %s: 0x%lx..0x%lx, %lu KiB", vm->name, r->format, path,
			    (unsigned long)r->lo, (unsigned long)r->hi, (unsigned long)(size >> 10));
		return;
	}
	uint64_t kib_per_s = (size >> 10) * 1000000 / us;
	vm_log_info(vm->id, "%s: %s %s: 0x%lx..0x%lx, %lu KiB in %lu us (%lu.%02lu MiB/s)", vm->name, r->format,
		    path, (unsigned long)r->lo, (unsigned long)r->hi, (unsigned long)(size >> 10), (unsigned long)us,
		    (unsigned long)(kib_per_s >> 10), (unsigned long)((kib_per_s & 1023) * 100 >> 10));
}

/* Loads the kernel (ELF, Image or raw) and the optional initrd; returns the entry and the end of the kernel. */
static int load_images(struct vm *vm, const struct vm_config *cfg, uint64_t *entry, uint64_t *kernel_end,
		       struct loader_result *initrd)
{
	struct loader_ram ram = ram_view(vm);
	struct hv_file f;
	struct loader_result r;
	char err[160];
	int rc = open_named(vm, "kernel", cfg->kernel, &f);
	if (rc)
		return rc;
	uint64_t t0 = csr_read(CSR_TIME);
	rc = loader_load_kernel(&ram, files_read, &f, f.size, cfg->kernel_addr, &r, err, sizeof(err));
	if (rc) {
		vm_log_error(vm->id, "%s: kernel %s: %s", vm->name, cfg->kernel, loader_detail(err, "kernel"));
		return rc;
	}
	log_load(vm, cfg->kernel, &r, f.size, csr_read(CSR_TIME) - t0);
	*entry = cfg->entry ? cfg->entry : r.entry;
	*kernel_end = r.hi;
	memset(initrd, 0, sizeof(*initrd));
	if (!cfg->initrd[0])
		return HV_OK;
	rc = open_named(vm, "initrd", cfg->initrd, &f);
	if (rc)
		return rc;
	t0 = csr_read(CSR_TIME);
	rc = loader_load_initrd(&ram, files_read, &f, f.size, r.hi, initrd, err, sizeof(err));
	if (rc) {
		vm_log_error(vm->id, "%s: initrd %s: %s", vm->name, cfg->initrd, loader_detail(err, "initrd"));
		return rc;
	}
	log_load(vm, cfg->initrd, initrd, f.size, csr_read(CSR_TIME) - t0);
	return HV_OK;
}

/* Builds the guest's device tree in the last 64 KiB of its RAM and returns its GPA in *dtb_gpa. */
static int build_dtb(struct vm *vm, const struct vm_config *cfg, uint64_t kernel_end,
		     const struct loader_result *initrd, gpa_t *dtb_gpa)
{
	struct guest_dtb_device devices[VM_MAX_DEVICES];
	struct guest_dtb_params p = {
		.ram_base = vm->ram_base, .ram_size = vm->ram_size, .nvcpus = vm->nvcpus, .isa = host.isa.string,
		.timebase = (uint32_t)host.timebase_hz, .bootargs = cfg->bootargs,
		.initrd_start = initrd->lo, .initrd_end = initrd->hi,
		.ndevices = vm_devices_dtb_nodes(cfg, devices, VM_MAX_DEVICES), .devices = devices,
	};
	uint64_t room = GUEST_DTB_ROOM < vm->ram_size ? GUEST_DTB_ROOM : vm->ram_size;
	*dtb_gpa = vm->ram_base + vm->ram_size - room;
	if (kernel_end > *dtb_gpa) {
		vm_log_error(vm->id, "%s: kernel %s ends at 0x%lx, inside the top of RAM kept for its device tree "
			     "(from 0x%lx); give the VM more memory", vm->name, cfg->kernel, (unsigned long)kernel_end,
			     (unsigned long)*dtb_gpa);
		return HV_ERANGE;
	}
	char err[160];
	int n = guest_dtb_build(&p, vm_gpa_to_host(vm, *dtb_gpa), room, err, sizeof(err));
	if (n < 0) {
		vm_log_error(vm->id, "%s: cannot build its device tree: %s", vm->name, err);
		return n;
	}
	return HV_OK;
}

int vm_create(struct vm *vm, int id, const struct vm_config *cfg)
{
	memset(vm, 0, sizeof(*vm));
	vm->id = id;
	strncpy(vm->name, cfg->name, sizeof(vm->name) - 1);
	vm->config = cfg;
	vm->trace_level = cfg->trace_level < 0 ? TRACE_OFF : cfg->trace_level;
	vm->ncsrs = cfg->ncsrs;
	memcpy(vm->csrs, cfg->csrs, sizeof(vm->csrs));
	vm->nvcpus = cfg->nvcpus > 0 ? cfg->nvcpus : 1;
	uint64_t entry = 0, kernel_end = 0;
	gpa_t dtb_gpa = 0;
	struct loader_result initrd;
	size_t free_before = page_alloc_free_count(&hv_pages);
	console_register_vm(vm);
	int err = setup_ram(vm, cfg);
	if (!err)
		err = vm_devices_create(vm, cfg);
	if (!err)
		err = load_images(vm, cfg, &entry, &kernel_end, &initrd);
	if (!err)
		err = build_dtb(vm, cfg, kernel_end, &initrd, &dtb_gpa);
	if (err) {
		vm_destroy(vm);
		return err;
	}
	watchdog_init(vm, cfg->watchdog_ms);
	vm->htimedelta = -vtimer_now();   /* the guest's time starts at 0 when its VM is (re)built */
	for (int i = 0; i < vm->nvcpus; i++) {
		struct vcpu *v = &vm->vcpu[i];
		v->vm = vm;
		v->id = i;
		vcpu_arch_reset(v, entry, dtb_gpa);
		v->state = i == 0 ? VCPU_RUNNABLE : VCPU_STOPPED;
	}
	vm->state = VM_READY;
	vm_log_info(id, "%s: %lu MiB RAM at 0x%lx, %d vcpu(s), kernel %s entered at 0x%lx, DTB at 0x%lx",
		    vm->name, (unsigned long)(vm->ram_size >> 20), (unsigned long)vm->ram_base, vm->nvcpus,
		    cfg->kernel, (unsigned long)entry, (unsigned long)dtb_gpa);
	/* what the VM costs the hypervisor beyond its guest RAM: G-stage tables, device state, flash copies */
	size_t own_pages = free_before - page_alloc_free_count(&hv_pages) - vm->ram_size / PAGE_SIZE;
	vm_log_info(id, "%s: hypervisor memory for this VM: %lu KiB (%lu pages beyond its RAM, struct vm %lu bytes)",
		    vm->name, (unsigned long)((own_pages * PAGE_SIZE + sizeof(*vm)) >> 10), (unsigned long)own_pages,
		    (unsigned long)sizeof(*vm));
	return HV_OK;
}

void vm_destroy(struct vm *vm)
{
	vm_devices_release(vm);
	console_unregister_vm(vm);
	for (int i = 0; i < VM_MAX_VCPUS; i++)
		if (vm->vcpu[i].vm)
			vcpu_arch_forget(&vm->vcpu[i]);
	if (vm->gstage.root)
		gstage_destroy(&vm->gstage);
	if (vm->ram_hpa)
		page_free_pages(&hv_pages, vm->ram_hpa, vm->ram_size / PAGE_SIZE);
	vm->ram_hpa = 0;
	vm->state = VM_STOPPED;
}
