/* sbi.h: SBI calls a guest makes (ecall from S-mode as the guest sees it): the generic call
 * and one helper per call the guests use. Error codes and extension ids per SBI 2.0. */
#ifndef GUEST_LIB_SBI_H
#define GUEST_LIB_SBI_H
#include <stdbool.h>
#include <stddef.h>

#include "riscv/sbi_ids.h"

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
