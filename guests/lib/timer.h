/* timer.h: the guest's S-mode timer, one deadline at a time: Sstc's stimecmp when the device
 * tree's riscv,isa names "_sstc", otherwise SBI TIME set_timer. The interrupt it raises is the
 * S-mode timer interrupt (sie.STIE enables it); setting a later deadline clears it. */
#ifndef GUEST_LIB_TIMER_H
#define GUEST_LIB_TIMER_H
#include <stdbool.h>

#define GUEST_TIMEBASE_DEFAULT 10000000UL     /* QEMU virt's 10 MHz, when the DTB does not say */

enum guest_timer_mode {
	GUEST_TIMER_SBI = 0,      /* SBI TIME set_timer: one ecall per deadline */
	GUEST_TIMER_SSTC,         /* writes to stimecmp (CSR 0x14d) */
};

/* true when the first CPU node's riscv,isa string has the multi-letter extension `ext`
 * (e.g. "sstc") as one of its "_"-separated names. */
bool guest_fdt_isa_has(const void *dtb, const char *ext);
/* /cpus timebase-frequency, or GUEST_TIMEBASE_DEFAULT. */
unsigned long guest_fdt_timebase(const void *dtb);

/* Chooses how deadlines are set (Sstc if the DTB says so) and returns the choice. Does not
 * arm the timer or touch sie. */
enum guest_timer_mode guest_timer_init(const void *dtb);
enum guest_timer_mode guest_timer_mode(void);
/* "stimecmp (Sstc)" or "SBI set_timer". */
const char *guest_timer_mode_name(void);
/* The timer interrupt becomes pending when time >= deadline. */
void guest_timer_set(unsigned long deadline);
/* No deadline (the far future): a pending timer interrupt goes away. */
void guest_timer_stop(void);

#endif
