/* hostile.h: what every hostile guest shares. A hostile guest does one kind of wrong thing and
 * prints, for every attempt that comes back to it, one line
 *     "hostile: <what>: <outcome>"
 * (outcome "trap <cause> stval=0x..", "ok", "sbi error <n>", ...), which the integration test
 * compares with what the architecture and the SBI specification say. Attempts the hypervisor
 * answers by stopping the VM print nothing more: the test looks for the hypervisor's diagnostic. */
#ifndef GUESTS_HOSTILE_H
#define GUESTS_HOSTILE_H
#include <stdbool.h>
#include <stdint.h>
#include "lib/csr.h"
#include "lib/guest.h"
#include "lib/sbi.h"
#include "lib/trap.h"

/* The VM the hostile guests run in (configs/hostile.dts.in). */
#define HOSTILE_RAM_BASE 0x80000000UL
#define HOSTILE_RAM_SIZE (16UL << 20)

/* The last exception the hostile handler caught (count counts them). */
struct hostile_trap {
	unsigned long count;
	unsigned long scause;
	unsigned long sepc;
	unsigned long stval;
};
extern volatile struct hostile_trap hostile_trap;

/* Installs a handler that records every exception in hostile_trap and resumes after the
 * instruction that raised it (interrupts are left unhandled: they end the guest). */
void hostile_catch_exceptions(void);

/* Runs fn(arg) and prints "hostile: <what>: trap <cause> stval=0x<stval>" when it raised an
 * exception, or "hostile: <what>: ok" when it did not. Returns the number of exceptions. */
unsigned long hostile_try(const char *what, void (*fn)(unsigned long), unsigned long arg);

/* Loads, stores and fetches at a guest-physical address (satp is Bare: VA = GPA). */
void hostile_load64(unsigned long addr);
void hostile_store64(unsigned long addr);
void hostile_fetch(unsigned long addr);

/* Loads width bytes (1, 2, 4 or 8, zero-extended) at addr, or stores the low width bytes of value:
 * one plain integer instruction (lbu lhu lwu ld, sb sh sw sd). A load that trapped returns 0. */
unsigned long hostile_load(unsigned long addr, int width);
void hostile_store(unsigned long addr, int width, unsigned long value);
/* Like hostile_try for one load or store; a load that did not trap prints "ok 0x<value>". */
unsigned long hostile_try_load(const char *what, unsigned long addr, int width);
unsigned long hostile_try_store(const char *what, unsigned long addr, int width, unsigned long value);

/* An SBI call printed as "hostile: <what>: error <e> value <v>" (both as signed numbers). */
struct sbiret hostile_sbi(const char *what, unsigned long eid, unsigned long fid, unsigned long a0,
			  unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4);

/* Prints "hostile: <name> survived" and shuts the VM down normally. */
void __attribute__((noreturn)) hostile_done(const char *name);

#endif
