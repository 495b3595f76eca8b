/* vm.h: a virtual machine: its RAM, G-stage table, vCPUs, emulated devices and CSRs, and exit statistics. */
#ifndef HV_VM_VM_H
#define HV_VM_VM_H
#include "base/limits.h"
#include "base/types.h"
#include "vm/vcpu.h"
#include "mm/gstage.h"
#include "trace/trace.h"
#include "vm/console.h"
#include "vm/irqchip.h"


struct mmio_device;
struct vm_config;
/* width is 1, 2, 4 or 8; offset is from the device's base. Return HV_OK or an error (VM stops). */
typedef int (*mmio_read_fn)(struct mmio_device *dev, uint64_t offset, int width, uint64_t *value);
typedef int (*mmio_write_fn)(struct mmio_device *dev, uint64_t offset, int width, uint64_t value);

struct vdev_kind;
struct vmcfg_device;

/* An emulated device of the VM: where it is, how a guest access reaches it, and its state. */
struct mmio_device {
	const struct vdev_kind *kind;            /* vm/device.h */
	const struct vmcfg_device *config;       /* its node in the VM's description */
	char name[VDEV_NAME_LEN];
	gpa_t base;
	uint64_t size;
	mmio_read_fn read;
	mmio_write_fn write;
	/* optional: a fault inside the device maps memory there instead (true: retry the access) */
	bool (*map_on_fault)(struct mmio_device *dev, gpa_t gpa);
	void *state;             /* the kind's: in the VM's device_state[] or allocated by the kind */
};

/* Room a device kind may use for its state inside struct vm (one slot per device). */
struct vdev_state {
	union {
		uint64_t align;
		uint8_t bytes[VDEV_STATE_BYTES];
	};
};
#define VDEV_STATE_FITS(type) _Static_assert(sizeof(type) <= VDEV_STATE_BYTES, #type " outgrew VDEV_STATE_BYTES")

/* A CSR whose reads the VM description says to emulate (e.g. mhartid = 0x1234). */
struct csr_emulation {
	uint16_t csr;
	uint64_t value;
};

/* READY: built, not run yet; RUNNING: a vCPU has run; STOPPING: vm_stop() was called, its vCPUs
 * are leaving (vm_stop.c); STOPPED: destroyed. */
enum vm_state { VM_EMPTY = 0, VM_READY, VM_RUNNING, VM_STOPPING, VM_STOPPED };

enum vm_stop_reason { VM_STOP_NONE = 0, VM_STOP_SHUTDOWN, VM_STOP_REBOOT, VM_STOP_ERROR };

struct vm {
	int id;
	char name[VM_NAME_LEN];
	enum vm_state state;
	enum vm_stop_reason stop_reason;
	gpa_t ram_base;
	uint64_t ram_size;
	hpa_t ram_hpa;               /* contiguous host backing of guest RAM */
	struct gstage gstage;
	int nvcpus;
	struct vcpu vcpu[VM_MAX_VCPUS];
	int nmmio;
	struct mmio_device *mmio_last;   /* the device vm_find_mmio found last: a guest polls one device */
	struct mmio_device mmio[VM_MAX_DEVICES];
	struct vdev_state device_state[VM_MAX_DEVICES];   /* mmio[i]'s state slot */
	int ncsrs;
	struct csr_emulation csrs[VM_MAX_CSRS];
	int trace_level;             /* enum trace_level */
	struct trace_stats stats;
	uint64_t htimedelta;
	uint32_t watchdog_ms;        /* watchdog period from the description, 0 = none */
	uint64_t watchdog_ticks;     /* the same in host timer ticks */
	const struct vm_config *config;   /* the description it was built from (for reboot) */
	struct console_port console;      /* its end of the console (vm/console.h) */
	struct irqchip irqchip;           /* its interrupt controller, if any (vm/irqchip.h) */
};

/* true when [gpa, gpa+len) lies inside the VM's RAM and does not wrap (len 0 counts as inside if gpa is). */
bool vm_gpa_in_ram(const struct vm *vm, gpa_t gpa, uint64_t len);
/* Host pointer for a guest-physical address inside RAM (check with vm_gpa_in_ram first). */
void *vm_gpa_to_host(const struct vm *vm, gpa_t gpa);
/* The emulated device covering gpa, or NULL. */
struct mmio_device *vm_find_mmio(struct vm *vm, gpa_t gpa);
/* The state slot of one of the VM's devices. */
static inline void *vm_device_state(struct vm *vm, const struct mmio_device *dev)
{
	return vm->device_state[dev - vm->mmio].bytes;
}
/* The emulated value of a CSR, or false when the VM does not emulate it. */
bool vm_csr_emulated(const struct vm *vm, uint16_t csr, uint64_t *value);

#endif
