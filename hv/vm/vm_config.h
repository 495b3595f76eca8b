/* vm_config.h: VM descriptions (configs/<name>.dts compiled to .dtb), parsed with libfdt (portable). */
#ifndef HV_VM_VM_CONFIG_H
#define HV_VM_VM_CONFIG_H
#include "base/types.h"
#include "vm/vm.h"

#define VMCFG_MAX_VMS     VM_MAX           /* a description holds no more VMs than can run */
#define VMCFG_MAX_DEVICES VM_MAX_DEVICES

struct vdev_kind;

/* One device node of a vm: its kind (vm/device.h), where it is, and the kind's own properties. */
struct vmcfg_device {
	const struct vdev_kind *kind;
	char name[VDEV_NAME_LEN];   /* node name, e.g. "test-device@0" */
	gpa_t base;
	uint64_t size;
	union {
		uint64_t align;
		uint8_t bytes[VMCFG_DEVICE_PROPS];
	} props;                    /* what kind->parse read, in the kind's own struct */
};

/* The kind's struct of its own properties inside d (each kind checks that it fits). */
#define VMCFG_PROPS(d, type) ((type *)(void *)(d)->props.bytes)
#define VMCFG_PROPS_FIT(type) _Static_assert(sizeof(type) <= VMCFG_DEVICE_PROPS, #type " outgrew VMCFG_DEVICE_PROPS")

struct vm_config {
	char name[VM_NAME_LEN];
	gpa_t ram_base;
	uint64_t ram_size;
	char kernel[VMCFG_PATH_LEN];
	gpa_t kernel_addr;          /* 0 = the loader decides (ELF, Image) */
	gpa_t entry;                /* 0 = kernel_addr */
	char initrd[VMCFG_PATH_LEN];
	char bootargs[256];
	int nvcpus;
	int trace_level;            /* enum trace_level, or -1 when the description does not say */
	int gstage_levels;          /* 3 (Sv39x4, default) or 4 (Sv48x4) */
	uint32_t watchdog_ms;       /* watchdog period, 0 = none */
	int ncsrs;
	struct csr_emulation csrs[VM_MAX_CSRS];
	int ndevices;
	struct vmcfg_device devices[VMCFG_MAX_DEVICES];
};

/* ---- for device kinds' parse functions (vm/device.h) ---- */
struct vmcfg_ctx;
/* Reads a property: 1 = present, 0 = absent, < 0 = an error, already reported. */
int vmcfg_prop_u32(const struct vmcfg_ctx *c, int node, const char *name, uint32_t *val);
int vmcfg_prop_u64(const struct vmcfg_ctx *c, int node, const char *name, uint64_t *val);
int vmcfg_prop_string(const struct vmcfg_ctx *c, int node, const char *name, char *dst, size_t dstlen);
/* Reports "file: /node/path: property 'prop' <message>" (prop may be NULL) and returns code. */
int vmcfg_fail(const struct vmcfg_ctx *c, int code, int node, const char *prop, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Receives one error line (no newline) for each vm node that is skipped, or for what made the
 * whole description unusable. */
typedef void (*vmcfg_report_fn)(void *arg, const char *line);

/* Parses every vm node of a description. file names the description in error lines. A bad vm
 * node is reported (one line naming the file, the node and the problem) and skipped; the good
 * ones are still returned, in order, in out. Returns the number of good VMs (>= 1), or a negative
 * error when there is none (the first one found). report may be NULL. */
int vm_config_parse_each(const void *dtb, size_t size, const char *file, struct vm_config *out, int max,
			 vmcfg_report_fn report, void *arg);

/* vm_config_parse_each that keeps only the first error line, in err (empty when there was none),
 * such as "configs/x.dtb: /vm@0: property 'memory' must be 4 cells (base and size, 64-bit each)". */
int vm_config_parse(const void *dtb, size_t size, const char *file, struct vm_config *out, int max,
		    char *err, size_t errlen);

#endif
