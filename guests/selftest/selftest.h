/* selftest.h: what the selftest guest expects of its VM, and the reporting and waiting helpers
 * its checks share. Every check prints "selftest: <name> ok" or "selftest: <name> FAILED (...)". */
#ifndef GUESTS_SELFTEST_H
#define GUESTS_SELFTEST_H
#include <stdbool.h>
#include "lib/csr.h"
#include "lib/sbi.h"
#include "lib/trap.h"

/* The VM this guest is written for (configs/: 32 MiB at 0x80000000, 2 vCPUs, 10 MHz timebase). */
#define SELFTEST_RAM_BASE     0x80000000UL
#define SELFTEST_RAM_SIZE     (32UL << 20)
#define SELFTEST_NVCPUS       2
#define SELFTEST_TIMEBASE_HZ  10000000UL
#define SELFTEST_TICKS_MS     (SELFTEST_TIMEBASE_HZ / 1000)
#define SELFTEST_TIMEOUT      (1000 * SELFTEST_TICKS_MS)    /* 1 s: the bound on every wait */
/* Outside the VM's RAM: the last thing the selftest does is store there. */
#define SELFTEST_OUTSIDE_RAM  0x90000000UL

/* Reports one check and counts it; details (printf format) are printed only when !ok. */
void check(const char *name, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports a check that passed. */
void check_ok(const char *name);
int checks_passed(void);
int checks_failed(void);

/* The traps a check's handler saw (the handler fills it; count counts them). */
struct trap_seen {
	unsigned long count;
	unsigned long scause;
	unsigned long sepc;
	unsigned long stval;
};
extern volatile struct trap_seen trap_seen;
void trap_seen_reset(void);
void trap_seen_record(const struct guest_trap_frame *f);

/* Spins until *flag != 0 or timeout ticks of `time` pass; true if the flag was set. */
bool wait_for_flag(volatile unsigned long *flag, unsigned long timeout);

/* The checks, in the order main runs them. hartid is the hart running main. */
void check_base(void);
void check_dbcn(void);
void check_time(unsigned long hartid);
void check_ipi(unsigned long hartid);
void check_sv39_faults(void);
void check_illegal_instruction(void);
void check_hsm(unsigned long hartid);

#endif
