/* pflash.c: the device kind "cfi-flash", the pflash front end. Passthrough maps the host bank into
 * the G-stage on the first fault inside it. Emulate keeps the flash contents in host pages: reads
 * in array mode go to a read-only mapping (no exit), writes fault and drive the CFI model, whose
 * changes are written back at once to the backing (a file on the disk, or the host bank). */
#include <string.h>
#include "base/host_dtb.h"
#include "base/err.h"
#include "base/log.h"
#include "drivers/cfi_host.h"
#include "fs/files.h"
#include "mm/page_alloc.h"
#include "pflash/cfi.h"
#include "loader/guest_dtb.h"
#include "riscv/time.h"
#include "vdev/pflash.h"
#include "vm/vm_config.h"

#define PFLASH_BANK_WIDTH 4

VMCFG_PROPS_FIT(struct pflash_props);

struct pflash {
	struct vm *vm;
	bool emulate;
	bool mapped;             /* the G-stage maps the region (passthrough: RW, emulate: RO array) */
	int host_bank;           /* index in host.pflash[] when the host bank backs it, else -1 */
	hpa_t store;             /* emulate: the contents, 2 MiB-aligned host pages */
	struct hv_file file;     /* emulate with a disk file as backing */
	char backing[VMCFG_PATH_LEN];
	struct cfi_flash cfi;
};

static bool bank_claimed[HOST_MAX_PFLASH];

static size_t state_pages(void)
{
	return (sizeof(struct pflash) + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* ---- passthrough ---- */

static bool passthrough_map(struct mmio_device *dev, gpa_t gpa)
{
	(void)gpa;
	struct pflash *p = dev->state;
	if (p->mapped)
		return false;
	hpa_t bank = host.pflash[p->host_bank].base;
	if (gstage_map_range(&p->vm->gstage, dev->base, bank, dev->size, GSTAGE_RWX))
		return false;
	p->mapped = true;
	return true;
}

/* ---- emulate ---- */

static void array_mapping_update(struct mmio_device *dev, struct pflash *p)
{
	bool want = cfi_in_array_mode(&p->cfi);
	if (want == p->mapped)
		return;
	if (want)
		p->mapped = gstage_map_range(&p->vm->gstage, dev->base, p->store, dev->size, GSTAGE_R | GSTAGE_X) == HV_OK;
	else
		p->mapped = gstage_unmap_range(&p->vm->gstage, dev->base, dev->size) != HV_OK;
}

static int write_back(struct pflash *p)
{
	uint64_t lo = p->cfi.dirty.lo, hi = p->cfi.dirty.hi;
	if (hi == 0)
		return HV_OK;
	int err;
	if (p->host_bank >= 0) {
		err = cfi_host_sync(host.pflash[p->host_bank].base, (const uint8_t *)(uintptr_t)p->store, lo, hi);
	} else {
		lo &= ~511UL;
		hi = (hi + 511) & ~511UL;
		err = files_write(&p->file, lo, (const uint8_t *)(uintptr_t)p->store + lo, hi - lo);
	}
	if (err) {
		vm_log_error(p->vm->id, "pflash: writing bytes 0x%lx..0x%lx back to %s failed: %s",
			     (unsigned long)lo, (unsigned long)hi, p->backing, hv_strerror(err));
		return err;
	}
	cfi_dirty_reset(&p->cfi);
	return HV_OK;
}

static int emulate_read(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value)
{
	struct pflash *p = dev->state;
	*value = cfi_read(&p->cfi, offset, (unsigned)width);
	return HV_OK;
}

static int emulate_write(struct mmio_device *dev, uint64_t offset, int width, uint64_t value)
{
	struct pflash *p = dev->state;
	cfi_write(&p->cfi, offset, (unsigned)width, value);
	int err = write_back(p);
	array_mapping_update(dev, p);
	return err;
}

/* Fills the contents from the backing: the host bank (read in array mode) or the disk file. */
static int emulate_load(struct pflash *p, uint64_t size)
{
	uint8_t *store = (uint8_t *)(uintptr_t)p->store;
	if (p->host_bank >= 0) {
		hpa_t bank = host.pflash[p->host_bank].base;
		cfi_host_read_array(bank);
		memcpy(store, (const void *)(uintptr_t)bank, size);
		return HV_OK;
	}
	int err = files_open(p->backing, &p->file);
	if (err) {
		vm_log_error(p->vm->id, "pflash: backing file %s: %s on the %s", p->backing,
			     err == HV_ENOENT ? "not found" : hv_strerror(err), files_source());
		return err;
	}
	if (p->file.size != size) {
		vm_log_error(p->vm->id, "pflash: backing file %s is %lu bytes; it must be exactly the flash's %lu",
			     p->backing, (unsigned long)p->file.size, (unsigned long)size);
		return HV_EINVAL;
	}
	int64_t n = files_read(&p->file, 0, store, size);
	if (n != (int64_t)size) {
		vm_log_error(p->vm->id, "pflash: reading backing file %s failed: %s", p->backing,
			     hv_strerror(n < 0 ? (int)n : HV_EIO));
		return n < 0 ? (int)n : HV_EIO;
	}
	return HV_OK;
}

/* ---- set-up and release ---- */

static void pflash_release(struct mmio_device *dev)
{
	struct pflash *p = dev->state;
	if (!p)
		return;
	if (p->host_bank >= 0)
		bank_claimed[p->host_bank] = false;
	if (p->store)
		page_free_pages(&hv_pages, p->store, dev->size / PAGE_SIZE);
	page_free_pages(&hv_pages, (hpa_t)(uintptr_t)p, state_pages());
	dev->state = NULL;
}

static int find_host_bank(const struct vmcfg_device *cfg)
{
	for (int i = 0; i < host.npflash; i++)
		if (host.pflash[i].base == cfg->base)
			return cfg->size <= host.pflash[i].size ? i : HV_ERANGE;
	return HV_ENOENT;
}

static int claim_host_bank(struct vm *vm, struct pflash *p, const struct vmcfg_device *cfg)
{
	int bank = find_host_bank(cfg);
	if (bank < 0) {
		vm_log_error(vm->id, "pflash: %s needs the host flash bank at 0x%lx (%lu MiB), which this machine %s",
			     cfg->name, (unsigned long)cfg->base, (unsigned long)(cfg->size >> 20),
			     bank == HV_ERANGE ? "has smaller" : "does not have");
		return bank;
	}
	if (bank_claimed[bank]) {
		vm_log_error(vm->id, "pflash: the host flash bank at 0x%lx already belongs to another VM",
			     (unsigned long)cfg->base);
		return HV_EEXIST;
	}
	bank_claimed[bank] = true;
	p->host_bank = bank;
	return HV_OK;
}

static int pflash_create(struct vm *vm, struct mmio_device *dev, const struct vmcfg_device *cfg)
{
	const struct pflash_props *props = VMCFG_PROPS(cfg, const struct pflash_props);
	struct pflash *p = (struct pflash *)(uintptr_t)page_alloc_pages(&hv_pages, state_pages(), 1);
	if (!p) {
		vm_log_error(vm->id, "pflash: out of host memory for %s", cfg->name);
		return HV_ENOMEM;
	}
	memset(p, 0, sizeof(*p));
	dev->state = p;
	p->vm = vm;
	p->host_bank = -1;
	p->emulate = !strcmp(props->mode, "emulate");
	strcpy(p->backing, props->backing);
	int err = strcmp(props->backing, "host") ? HV_OK : claim_host_bank(vm, p, cfg);
	if (err)
		return err;
	if (!p->emulate) {
		dev->map_on_fault = passthrough_map;
		return HV_OK;
	}
	p->store = page_alloc_pages(&hv_pages, cfg->size / PAGE_SIZE, 512);
	if (!p->store) {
		vm_log_error(vm->id, "pflash: not enough free host RAM for the %lu MiB contents of %s",
			     (unsigned long)(cfg->size >> 20), cfg->name);
		return HV_ENOMEM;
	}
	uint64_t t0 = time_now();
	err = emulate_load(p, cfg->size);
	if (err)
		return err;
	vm_log_info(vm->id, "pflash: %s: %lu MiB read from %s in %lu ms", cfg->name, (unsigned long)(cfg->size >> 20),
		    p->backing, (unsigned long)((time_now() - t0) / (host.timebase_hz / 1000)));
	cfi_init(&p->cfi, (uint8_t *)(uintptr_t)p->store, cfg->size, PFLASH_BANK_WIDTH);
	dev->read = emulate_read;
	dev->write = emulate_write;
	array_mapping_update(dev, p);
	return HV_OK;
}

/* ---- the description and the guest's device tree ---- */

static const char *const pflash_props_known[] = { "mode", "backing", NULL };

static int pflash_parse(const struct vmcfg_ctx *c, int node, struct vmcfg_device *d)
{
	struct pflash_props *p = VMCFG_PROPS(d, struct pflash_props);
	strcpy(p->mode, "emulate");
	int r = vmcfg_prop_string(c, node, "mode", p->mode, sizeof(p->mode));
	if (r < 0)
		return r;
	if (strcmp(p->mode, "emulate") && strcmp(p->mode, "passthrough"))
		return vmcfg_fail(c, HV_EINVAL, node, "mode", "must be passthrough or emulate");
	strcpy(p->backing, "host");
	r = vmcfg_prop_string(c, node, "backing", p->backing, sizeof(p->backing));
	if (r < 0)
		return r;
	if (strcmp(p->backing, "host") && p->backing[0] != '/')
		return vmcfg_fail(c, HV_EINVAL, node, "backing", "must be \"host\" or an absolute path on the disk");
	if (!strcmp(p->mode, "passthrough") && strcmp(p->backing, "host"))
		return vmcfg_fail(c, HV_EINVAL, node, "backing", "must be \"host\" in passthrough mode");
	return HV_OK;
}

static void pflash_dtb_write(struct guest_dtb *d, const struct guest_dtb_device *dev)
{
	(void)dev;
	guest_dtb_put_string(d, "compatible", "cfi-flash");
	guest_dtb_put_u32(d, "bank-width", PFLASH_BANK_WIDTH);
}

static void pflash_dtb_node(const struct vmcfg_device *d, struct guest_dtb_device *out)
{
	*out = (struct guest_dtb_device){
		.node = "flash", .label = "pflash", .base = d->base, .size = d->size, .write = pflash_dtb_write,
	};
}

const struct vdev_kind vdev_pflash = {
	.compatible = "cfi-flash",
	.props = pflash_props_known,
	.parse = pflash_parse,
	.create = pflash_create,
	.release = pflash_release,
	.dtb_node = pflash_dtb_node,
};
