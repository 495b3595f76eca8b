/* limits.h: every fixed limit of the hypervisor, in one place (assembly includes it too). */
#ifndef HV_BASE_LIMITS_H
#define HV_BASE_LIMITS_H

/* Harts: every id OpenSBI can boot (its hart masks hold 128) has a stack and a struct hart. */
#define HV_MAX_HARTS      128
#define HART_STACK_SIZE   16384
#define HART_TLS_SIZE     256      /* the hart's _Thread_local block (picolibc's included) */
#define HART_SIZE         1024     /* bytes per struct hart in the harts[] area (entry.S steps by it) */

/* Time slice of a hart when several of its vCPUs are runnable */
#define SCHED_SLICE_US    10000

/* VMs */
#define VM_MAX            4        /* VMs of one description that run at once */
#define VM_MAX_VCPUS      4        /* vCPUs per VM */
#define GUEST_DTB_MAX_VCPUS 8      /* the most vCPUs a guest device tree the builder writes may have */
#define VM_MAX_DEVICES    8        /* emulated devices per VM */
#define VM_MAX_CSRS       8        /* emulated CSR values per VM */
#define VDEV_STATE_BYTES  256      /* a device's state slot inside struct vm */
#define VM_NAME_LEN       32
#define VDEV_NAME_LEN     24       /* a device's node name, e.g. "serial@10000000", its NUL included */
#define HART_MAX_VCPUS    (VM_MAX * VM_MAX_VCPUS)   /* a hart's run queue holds every vCPU */

/* VM descriptions */
#define VMCFG_PATH_LEN    96       /* a path on the disk, its NUL included */
#define VMCFG_DEVICE_PROPS 128     /* bytes a device kind may keep of its own properties */
#define VMCFG_WATCHDOG_MAX_MS 3600000   /* one hour: longer is no watchdog at all */

/* The host machine */
#define HOST_MAX_RAM      4
#define HOST_MAX_RESERVED 16
#define HOST_MAX_VIRTIO   8
#define HOST_MAX_PFLASH   2

#endif
