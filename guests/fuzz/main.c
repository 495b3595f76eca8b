/* main.c: the fuzz guest: runs seeded pseudo-random 16- and 32-bit instruction words one at a
 * time in VS-mode and VU-mode, each from a scratch page under its own page table, takes back
 * whatever trap ends each one, and counts the traps by cause. Only the hypervisor is under test:
 * its run must end with every instruction done and a normal shutdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/csr.h"
#include "lib/fdt.h"
#include "lib/guest.h"
#include "lib/timer.h"
#include "fuzz/fuzz.h"

#define FUZZ_INSNS        1000000UL
#define FUZZ_PROGRESS     50000UL
#define DEFAULT_SEED      1UL
#define INSN_PROLOGUE     0x14101073u   /* csrw sepc, zero: a random sret lands on a fault at 0 */
#define INSN_C_EBREAK     0x9002u
#define MAX_REPORTS       5
#define NCAUSES           24

struct fuzz_ctx fuzz_ctx;

static struct fuzz_rng rng;
static struct fuzz_run run;
static unsigned long exceptions[NCAUSES], interrupts[16], other_traps;
static unsigned long filtered[FILTER_COUNT], watchdog_hits, suspects;
static unsigned long done[2];
static unsigned long timebase;

static const char *const cause_names[NCAUSES] = {
	"misaligned-fetch", "fetch-access", "illegal-instruction", "breakpoint", "misaligned-load",
	"load-access", "misaligned-store", "store-access", "user-ecall", "supervisor-ecall",
	"vs-ecall", "machine-ecall", "fetch-page-fault", "load-page-fault", "13?", "store-page-fault",
	[20] = "fetch-guest-page-fault", [21] = "load-guest-page-fault", [22] = "virtual-instruction",
	[23] = "store-guest-page-fault",
};
static const char *const filter_names[FILTER_COUNT] = {
	[FILTER_CSR] = "csr", [FILTER_SBI] = "sbi", [FILTER_LOOP] = "loop",
};

/* The last seed=N word of the bootargs (guest.seed=N from the command line comes after the
 * description's default). */
static unsigned long seed_from_bootargs(const char *args)
{
	unsigned long seed = DEFAULT_SEED;
	for (const char *p = args; (p = strstr(p, "seed=")); p += 5)
		if (p == args || p[-1] == ' ')
			seed = strtoul(p + 5, NULL, 0);
	return seed;
}

/* The prologue, then c.ebreak everywhere, so any jump into the page stops. Random code cannot
 * write the page (it is not writable in the fuzz page table): only the word's slot changes. */
static void code_fill(uint16_t *page)
{
	for (int i = 0; i < FUZZ_PAGE / 2; i++)
		page[i] = INSN_C_EBREAK;
	page[0] = INSN_PROLOGUE & 0xffff;
	page[1] = INSN_PROLOGUE >> 16;
}

/* Puts the word after the prologue (a 16-bit one followed by c.ebreak). */
static void code_load(uint16_t *page, const struct fuzz_word *w)
{
	page[2] = w->bits & 0xffff;
	page[3] = w->len == 4 ? w->bits >> 16 : INSN_C_EBREAK;
	__asm__ volatile("fence.i" ::: "memory");
}

/* Runs the word once with the timer as a watchdog; returns the trap's scause. */
static unsigned long run_once(unsigned long deadline_ticks)
{
	guest_timer_set(rdtime() + deadline_ticks);
	csr_write(CSR_SIE, MIP_STIP);
	fuzz_enter(&run);
	return fuzz_ctx.scause;
}

static void report(const char *what, const struct fuzz_word *w, enum fuzz_mode mode, unsigned long pc)
{
	if (++suspects > MAX_REPORTS)
		return;
	printf("fuzz: %s: %s word 0x%0*x at 0x%lx: scause 0x%lx sepc 0x%lx stval 0x%lx sstatus 0x%lx\n",
	       what, mode == FUZZ_VS ? "VS" : "VU", w->len * 2, (unsigned)w->bits, pc, fuzz_ctx.scause,
	       fuzz_ctx.sepc, fuzz_ctx.stval, fuzz_ctx.tstatus);
}

/* Checks what the hypervisor had a hand in: an illegal instruction at the word itself must come
 * with the word (or 0) in stval and SPP naming the mode it ran in. */
static void check_trap(const struct fuzz_word *w, enum fuzz_mode mode, unsigned long pc)
{
	if (fuzz_ctx.scause != CAUSE_ILLEGAL_INSTRUCTION || fuzz_ctx.sepc != pc)
		return;
	if (fuzz_ctx.stval != 0 && fuzz_ctx.stval != w->bits)
		report("illegal-instruction with a wrong stval", w, mode, pc);
	if (!!(fuzz_ctx.tstatus & SSTATUS_SPP) != (mode == FUZZ_VS))
		report("illegal-instruction with a wrong sstatus.SPP", w, mode, pc);
}

static void count_trap(unsigned long scause)
{
	unsigned long code = scause & ~CAUSE_INTERRUPT_FLAG;
	if (scause & CAUSE_INTERRUPT_FLAG)
		code < 16 ? interrupts[code]++ : other_traps++;
	else
		code < NCAUSES ? exceptions[code]++ : other_traps++;
}

/* One word in one mode; false when it was filtered out. */
static bool fuzz_one(enum fuzz_mode mode, unsigned long harness_sstatus)
{
	struct fuzz_word w;
	uint16_t *page = mode == FUZZ_VS ? fuzz_pages.s_code : fuzz_pages.u_code;
	unsigned long pc = (unsigned long)page + FUZZ_WORD_OFF;
	fuzz_gen_word(&rng, &w);
	fuzz_gen_regs(&rng, mode, &run);
	enum fuzz_filter why = fuzz_filter_word(&w, &run, mode, pc);
	if (why != FILTER_NONE) {
		filtered[why]++;
		return false;
	}
	code_load(page, &w);
	uint64_t v = fuzz_rng_next(&rng);
	unsigned long sstatus = harness_sstatus & ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM | SSTATUS_MXR);
	sstatus |= SSTATUS_SPIE | (mode == FUZZ_VS ? SSTATUS_SPP : 0);
	sstatus |= ((v & 3) == 0 ? SSTATUS_SUM : 0) | (((v >> 2) & 3) == 0 ? SSTATUS_MXR : 0);
	run.sstatus = sstatus;
	run.sepc = mode == FUZZ_VS ? (unsigned long)page : pc;   /* VS enters through the prologue */
	run.satp = fuzz_mmu_fuzz_satp();
	/* a wfi waits for the timer; anything else gets 10 ms, then once more 1 s before it counts as hung */
	unsigned long scause = run_once(w.wfi ? timebase / 50000 : timebase / 100);
	if (!w.wfi && scause == (CAUSE_INTERRUPT_FLAG | IRQ_S_TIMER)) {
		scause = run_once(timebase);
		if (scause == (CAUSE_INTERRUPT_FLAG | IRQ_S_TIMER)) {
			watchdog_hits++;
			report("watchdog (the word did not trap within 1 s)", &w, mode, pc);
		}
	}
	count_trap(scause);
	check_trap(&w, mode, pc);
	done[mode]++;
	return true;
}

static void print_counts(const char *end)
{
	printf("fuzz: %lu instructions (VS %lu, VU %lu), traps:", done[0] + done[1], done[0], done[1]);
	for (int i = 0; i < NCAUSES; i++)
		if (exceptions[i])
			printf(" %s %lu,", cause_names[i] ? cause_names[i] : "?", exceptions[i]);
	for (int i = 0; i < 16; i++)
		if (interrupts[i])
			printf(" interrupt-%d %lu,", i, interrupts[i]);
	if (other_traps)
		printf(" other %lu,", other_traps);
	printf(" filtered:");
	for (int i = 1; i < FILTER_COUNT; i++)
		printf(" %s %lu%s", filter_names[i], filtered[i], i + 1 < FILTER_COUNT ? "," : "");
	printf("; watchdog %lu, suspect %lu%s\n", watchdog_hits, suspects, end);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid;
	unsigned long seed = seed_from_bootargs(guest_fdt_bootargs((const void *)dtb));
	printf("fuzz: seed 0x%lx (replay: make run VM=fuzz SEED=0x%lx)\n", seed, seed);
	rng.state = seed;
	timebase = guest_fdt_timebase((const void *)dtb);
	guest_timer_init((const void *)dtb);
	fuzz_mmu_build();
	code_fill(fuzz_pages.s_code);
	code_fill(fuzz_pages.u_code);
	csr_write(CSR_SATP, fuzz_mmu_harness_satp());
	sfence_vma_all();
	unsigned long harness_sstatus = csr_read(CSR_SSTATUS);
	unsigned long t0 = rdtime();
	for (unsigned long n = 0; n < FUZZ_INSNS;) {
		if (fuzz_one((enum fuzz_mode)(n & 1), harness_sstatus) && ++n % FUZZ_PROGRESS == 0 && n < FUZZ_INSNS)
			print_counts("");
	}
	guest_timer_stop();
	csr_write(CSR_SATP, SATP_MODE_BARE << SATP_MODE_SHIFT);
	sfence_vma_all();
	unsigned long ms = (rdtime() - t0) / (timebase / 1000);
	printf("fuzz: %lu ms\n", ms);
	print_counts(", done");
	return suspects ? 1 : 0;
}
