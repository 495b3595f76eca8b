/* checks_irq.c: interrupts the guest takes itself: the SBI timer (TIME set_timer, and `time`
 * readable without a trap) and a software interrupt sent to itself (IPI send_ipi). */
#include "selftest.h"

#define TIMER_DELAY   (10 * SELFTEST_TICKS_MS)     /* 10 ms */
#define SCAUSE_S_TIMER (CAUSE_INTERRUPT_FLAG | IRQ_S_TIMER)
#define SCAUSE_S_SOFT  (CAUSE_INTERRUPT_FLAG | IRQ_S_SOFT)

static volatile unsigned long irq_flag;

static void check_time_rdtime(void)
{
	unsigned long traps = trap_seen.count;
	unsigned long t0 = rdtime(), t1 = t0;

	for (unsigned long spins = 0; t1 == t0 && spins < 10000000; spins++)
		t1 = rdtime();
	check("time_rdtime", t1 > t0 && trap_seen.count == traps,
	      "time 0x%lx then 0x%lx, %lu traps", t0, t1, trap_seen.count - traps);
}

/* Timer interrupt: record it and clear it (set_timer far in the future). */
static bool timer_handler(struct guest_trap_frame *f)
{
	if (f->scause != SCAUSE_S_TIMER)
		return false;
	trap_seen_record(f);
	sbi_set_timer(~0UL);
	irq_flag = 1;
	return true;
}

static void check_time_set_timer(void)
{
	trap_seen_reset();
	irq_flag = 0;
	guest_trap_handler_t old = guest_set_trap_handler(timer_handler);
	unsigned long start = rdtime();
	struct sbiret r = sbi_set_timer(start + TIMER_DELAY);

	csr_set(CSR_SIE, MIP_STIP);
	/* sstatus.SIE stays 0 around wfi (which wakes on any pending enabled interrupt), so the
	 * interrupt cannot slip in between the flag test and wfi; it is taken in the window. */
	while (!irq_flag && rdtime() - start < SELFTEST_TIMEOUT) {
		wfi();
		csr_set(CSR_SSTATUS, SSTATUS_SIE);
		csr_clear(CSR_SSTATUS, SSTATUS_SIE);
	}
	unsigned long fired = rdtime();
	csr_clear(CSR_SIE, MIP_STIP);
	guest_set_trap_handler(old);
	unsigned long pending = csr_read(CSR_SIP) & MIP_STIP;

	if (r.error)
		check("time_set_timer", false, "set_timer: error %ld", r.error);
	else if (!irq_flag)
		check("time_set_timer", false, "no timer interrupt within 1 s");
	else
		check("time_set_timer",
		      trap_seen.count == 1 && fired - start >= TIMER_DELAY && !pending,
		      "%lu interrupts (scause 0x%lx) after %lu ticks (want >= %lu), sip.STIP %s after set_timer(-1)",
		      trap_seen.count, trap_seen.scause, fired - start, TIMER_DELAY, pending ? "set" : "clear");
}

void check_time(unsigned long hartid)
{
	(void)hartid;
	check_time_rdtime();
	check_time_set_timer();
}

/* Software interrupt: record it and clear sip.SSIP. */
static bool soft_handler(struct guest_trap_frame *f)
{
	if (f->scause != SCAUSE_S_SOFT)
		return false;
	trap_seen_record(f);
	csr_clear(CSR_SIP, MIP_SSIP);
	irq_flag = 1;
	return true;
}

static void check_ipi_self(unsigned long hartid)
{
	trap_seen_reset();
	irq_flag = 0;
	guest_trap_handler_t old = guest_set_trap_handler(soft_handler);
	csr_set(CSR_SIE, MIP_SSIP);
	csr_set(CSR_SSTATUS, SSTATUS_SIE);
	struct sbiret r = sbi_send_ipi(1UL << hartid, 0);
	bool arrived = wait_for_flag(&irq_flag, SELFTEST_TIMEOUT);
	csr_clear(CSR_SSTATUS, SSTATUS_SIE);
	csr_clear(CSR_SIE, MIP_SSIP);
	guest_set_trap_handler(old);
	unsigned long pending = csr_read(CSR_SIP) & MIP_SSIP;

	if (r.error)
		check("ipi_self", false, "send_ipi(0x%lx, 0): error %ld", 1UL << hartid, r.error);
	else
		check("ipi_self", arrived && trap_seen.count == 1 && !pending,
		      "%s, %lu interrupts, sip.SSIP %s after clearing",
		      arrived ? "arrived" : "no software interrupt within 1 s", trap_seen.count,
		      pending ? "set" : "clear");
}

static void check_ipi_bad_base(void)
{
	struct sbiret r = sbi_send_ipi(1, 5);
	check("ipi_bad_base", r.error == SBI_ERR_INVALID_PARAM,
	      "send_ipi(1, 5): error %ld, want %d", r.error, SBI_ERR_INVALID_PARAM);
}

void check_ipi(unsigned long hartid)
{
	check_ipi_self(hartid);
	check_ipi_bad_base();
}
