/* sbi.h: SBI calls a guest makes (ecall from S-mode as the guest sees it): the generic call
 * and one helper per call the guests use. Error codes and extension ids per SBI 2.0. */
#ifndef GUEST_LIB_SBI_H
#define GUEST_LIB_SBI_H
#include <stdbool.h>
#include <stddef.h>

#define SBI_EXT_LEGACY_SET_TIMER   0x0
#define SBI_EXT_LEGACY_PUTCHAR     0x1
#define SBI_EXT_LEGACY_GETCHAR     0x2
#define SBI_EXT_LEGACY_SHUTDOWN    0x8
#define SBI_EXT_BASE               0x10
#define SBI_EXT_TIME               0x54494d45
#define SBI_EXT_IPI                0x735049
#define SBI_EXT_RFENCE             0x52464e43
#define SBI_EXT_HSM                0x48534d
#define SBI_EXT_SRST               0x53525354
#define SBI_EXT_DBCN               0x4442434e

#define SBI_BASE_GET_SPEC_VERSION  0
#define SBI_BASE_GET_IMPL_ID       1
#define SBI_BASE_GET_IMPL_VERSION  2
#define SBI_BASE_PROBE_EXT         3

#define SBI_TIME_SET_TIMER         0
#define SBI_IPI_SEND_IPI           0
#define SBI_HSM_HART_START         0
#define SBI_HSM_HART_STOP          1
#define SBI_HSM_HART_GET_STATUS    2
#define SBI_SRST_SYSTEM_RESET      0
#define SBI_DBCN_WRITE             0
#define SBI_DBCN_READ              1
#define SBI_DBCN_WRITE_BYTE        2

#define SBI_HSM_STATE_STARTED       0
#define SBI_HSM_STATE_STOPPED       1
#define SBI_HSM_STATE_START_PENDING 2
#define SBI_HSM_STATE_STOP_PENDING  3

#define SBI_SRST_TYPE_SHUTDOWN      0
#define SBI_SRST_TYPE_COLD_REBOOT   1
#define SBI_SRST_TYPE_WARM_REBOOT   2
#define SBI_SRST_REASON_NONE        0
#define SBI_SRST_REASON_SYSFAIL     1

#define SBI_SUCCESS                 0
#define SBI_ERR_FAILED             -1
#define SBI_ERR_NOT_SUPPORTED      -2
#define SBI_ERR_INVALID_PARAM      -3
#define SBI_ERR_DENIED             -4
#define SBI_ERR_INVALID_ADDRESS    -5
#define SBI_ERR_ALREADY_AVAILABLE  -6
#define SBI_ERR_ALREADY_STARTED    -7
#define SBI_ERR_ALREADY_STOPPED    -8

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1,
		       unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5);

/* BASE */
long sbi_get_spec_version(void);
long sbi_get_impl_id(void);
long sbi_probe_extension(unsigned long eid);   /* 0 when absent */

/* legacy (v0.1) */
void sbi_legacy_putchar(int c);
void __attribute__((noreturn)) sbi_legacy_shutdown(void);

/* TIME: the timer interrupt fires when time >= stime; -1UL (far future) clears it */
struct sbiret sbi_set_timer(unsigned long stime);

/* IPI */
struct sbiret sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);

/* HSM */
struct sbiret sbi_hart_start(unsigned long hartid, unsigned long start_addr, unsigned long opaque);
struct sbiret sbi_hart_stop(void);
struct sbiret sbi_hart_get_status(unsigned long hartid);

/* DBCN: buf is a physical address (the guest's VA must equal its PA, e.g. satp = Bare) */
struct sbiret sbi_debug_console_write(const void *buf, size_t len);
struct sbiret sbi_debug_console_write_byte(unsigned char byte);

/* SRST */
struct sbiret sbi_system_reset(unsigned long type, unsigned long reason);
/* SRST shutdown (legacy shutdown if SRST fails), then wfi forever. */
void __attribute__((noreturn)) sbi_shutdown(bool failure);

#endif
