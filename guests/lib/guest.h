/* guest.h: the guest runtime's per-hart layout and the hooks a guest kernel provides or calls. */
#ifndef GUEST_LIB_GUEST_H
#define GUEST_LIB_GUEST_H

#define GUEST_MAX_HARTS   4        /* harts with a stack and a TLS block; others park */
#define GUEST_STACK_SIZE  16384
#define GUEST_TLS_SIZE    512      /* picolibc's errno and the console's line buffer */

#ifndef __ASSEMBLER__
/* The boot hart, entered at _start with a0 = hart id, a1 = DTB GPA (or 0). When main returns,
 * the runtime shuts the machine down through SBI SRST (reason "system failure" if non-zero). */
int main(unsigned long hartid, unsigned long dtb);

/* A hart started through SBI HSM hart_start at _secondary_start (start_addr = the address of
 * _secondary_start): runs on its own stack and TLS block, then stops itself with HSM hart_stop
 * when it returns. The runtime's default (weak) does nothing. */
void secondary_main(unsigned long hartid, unsigned long opaque);
extern char _secondary_start[];

/* Called by start.S for each hart before any C code that uses thread-local data. */
void guest_tls_init(unsigned long hartid);
/* This hart's id (as given in a0 at entry). */
unsigned long guest_hart_id(void);
/* Flushes the console and shuts the machine down (SRST); code != 0 reports a system failure. */
void __attribute__((noreturn)) guest_exit(int code);
/* Flushes this hart's console line and stops the hart (SBI HSM hart_stop). */
void __attribute__((noreturn)) guest_hart_stop(void);
#endif

#endif
