/* main.c: the fuzz guest: runs seeded pseudo-random 16- and 32-bit instruction words in straight-
 * line blocks (a page each) in VS-mode, then in VU-mode, from scratch pages under its own page
 * table; its trap vector skips every word that faults. It counts the traps by cause. Only the
 * hypervisor is under test: the run must end with every word done and a normal shutdown. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/csr.h"
#include "lib/fdt.h"
#include "lib/guest.h"
#include "lib/timer.h"
#include "fuzz/fuzz.h"

#define FUZZ_HALF         500000UL    /* words per mode, unless words=N says otherwise */
#define FUZZ_PROGRESS     100000UL
#define DEFAULT_SEED      1UL
#define MAX_REPORTS       5

_Static_assert(offsetof(struct fuzz_pages, c) == 5 * FUZZ_PAGE, "harness.S finds the context there");
_Static_assert(offsetof(struct fuzz_ctx, satp) == CTX_SATP, "context layout");
_Static_assert(offsetof(struct fuzz_ctx, save) == CTX_SAVE, "context layout");
_Static_assert(offsetof(struct fuzz_ctx, exit) == CTX_EXIT, "context layout");
_Static_assert(offsetof(struct fuzz_ctx, suspect) == CTX_SUSPECT, "context layout");
_Static_assert(offsetof(struct fuzz_ctx, counts) == CTX_COUNTS, "context layout");
_Static_assert(offsetof(struct fuzz_ctx, alias) == CTX_ALIAS, "context layout");
_Static_assert(offsetof(struct fuzz_run, sepc) == RUN_SEPC, "run layout");
_Static_assert(offsetof(struct fuzz_run, t6_value) == RUN_T6, "run layout");

static struct fuzz_rng rng;
static struct fuzz_run run;
static struct fuzz_block block;
static unsigned long done[2], blocks[2], cut_short, escaped, sbi_calls;

static const char *const cause_names[FUZZ_NCAUSES] = {
	"misaligned-fetch", "fetch-access", "illegal-instruction", "breakpoint", "misaligned-load",
	"load-access", "misaligned-store", "store-access", "user-ecall", "supervisor-ecall",
	"vs-ecall", "machine-ecall", "fetch-page-fault", "load-page-fault", "14?", "store-page-fault",
	[20] = "fetch-guest-page-fault", [21] = "load-guest-page-fault", [22] = "virtual-instruction",
	[23] = "store-guest-page-fault",
};
static const char *const filter_names[FILTER_COUNT] = {
	[FILTER_JUMP] = "jump", [FILTER_CSR] = "csr", [FILTER_NONDET] = "nondeterministic",
	[FILTER_SRET] = "sret", [FILTER_WFI] = "wfi",
};

/* The last KEY=N word of the bootargs (guest.KEY=N from the command line comes after the
 * description's default). */
static unsigned long bootarg_ulong(const char *args, const char *key, unsigned long value)
{
	size_t n = strlen(key);
	for (const char *p = args; (p = strstr(p, key)); p += n)
		if ((p == args || p[-1] == ' ') && p[n] == '=')
			value = strtoul(p + n + 1, NULL, 0);
	return value;
}

/* How many of the block's words lie before pc (the words that ran or were skipped). */
static unsigned words_before(unsigned long pc, unsigned long start)
{
	unsigned n = 0;
	while (n < block.words && start + block.offset[n] < pc)
		n++;
	return n;
}

static void report(const char *what, enum fuzz_mode mode, const struct fuzz_ctx *c)
{
	if (escaped + cut_short > MAX_REPORTS)
		return;
	printf("fuzz: %s: %s block %lu: scause 0x%lx sepc 0x%lx\n", what, mode == FUZZ_VS ? "VS" : "VU",
	       blocks[mode], c->exit_scause, c->exit_sepc);
}

/* One block of at most max_words words in one mode; returns the words it ran or skipped. */
static unsigned long fuzz_block(enum fuzz_mode mode, unsigned long max_words, unsigned long harness_sstatus)
{
	struct fuzz_ctx *c = &fuzz_pages.c.ctx;
	uint16_t *page = mode == FUZZ_VS ? fuzz_pages.s_code : fuzz_pages.u_code;
	unsigned long start = (unsigned long)page;
	unsigned end = fuzz_gen_block(&rng, mode, page, max_words, &block);
	__asm__ volatile("fence.i" ::: "memory");
	fuzz_gen_regs(&rng, mode, &run);
	uint64_t v = fuzz_rng_next(&rng);
	unsigned long sstatus = harness_sstatus & ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_SUM | SSTATUS_MXR);
	sstatus |= SSTATUS_SPIE | (mode == FUZZ_VS ? SSTATUS_SPP : 0);
	sstatus |= ((v & 3) == 0 ? SSTATUS_SUM : 0) | (((v >> 2) & 3) == 0 ? SSTATUS_MXR : 0);
	run.sstatus = sstatus;
	run.sepc = start;
	run.satp = fuzz_mmu_fuzz_satp();
	c->start = start;
	c->end = start + end;
	c->spp = mode == FUZZ_VS ? SSTATUS_SPP : 0;
	c->alias = mode == FUZZ_VS ? FUZZ_ALIAS_S : FUZZ_ALIAS_U;
	csr_write(CSR_SIE, 0);
	csr_clear(CSR_SIP, MIP_SSIP);    /* an IPI the last block sent itself stays behind */
	fuzz_enter(&run);
	blocks[mode]++;
	sbi_calls += block.sbi_calls;
	if (c->exit == FUZZ_EXIT_DONE)
		return block.words;
	if (c->exit == FUZZ_EXIT_INTERRUPT) {
		cut_short++;   /* the block enabled an interrupt it had pending: the words after it are dropped */
		return words_before(c->exit_sepc, start);
	}
	escaped++;
	report("trap from outside the block", mode, c);
	return words_before(c->exit_sepc, start);
}

static void print_counts(const char *end)
{
	const struct fuzz_ctx *c = &fuzz_pages.c.ctx;
	printf("fuzz: %lu instructions (VS %lu, VU %lu) in %lu+%lu blocks, traps:", done[0] + done[1], done[0],
	       done[1], blocks[0], blocks[1]);
	for (int i = 0; i < FUZZ_NCAUSES; i++)
		if (c->counts[i])
			printf(" %s %lu,", cause_names[i] ? cause_names[i] : "?", c->counts[i]);
	printf(" interrupt %lu, other %lu; exits (illegal + sbi) %lu; filtered:", c->interrupts, c->other,
	       c->counts[CAUSE_ILLEGAL_INSTRUCTION] + sbi_calls);
	for (int i = 1; i < FILTER_COUNT; i++)
		printf(" %s %lu%s", filter_names[i], block.filtered[i], i + 1 < FILTER_COUNT ? "," : "");
	printf("; sbi %lu, cut short %lu, escaped %lu, suspect %lu%s\n", sbi_calls, cut_short, escaped,
	       c->suspect, end);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid;
	const char *args = guest_fdt_bootargs((const void *)dtb);
	unsigned long seed = bootarg_ulong(args, "seed", DEFAULT_SEED);
	unsigned long half = bootarg_ulong(args, "words", 2 * FUZZ_HALF) / 2;
	printf("fuzz: seed 0x%lx (replay: make run VM=fuzz SEED=0x%lx)\n", seed, seed);
	rng.state = seed;
	unsigned long timebase = guest_fdt_timebase((const void *)dtb);
	fuzz_mmu_build();
	csr_write(CSR_SATP, fuzz_mmu_harness_satp());
	sfence_vma_all();
	unsigned long harness_sstatus = csr_read(CSR_SSTATUS);
	unsigned long t0 = rdtime(), next_report = FUZZ_PROGRESS;
	for (int mode = FUZZ_VS; mode <= FUZZ_VU; mode++) {
		while (done[mode] < half) {
			done[mode] += fuzz_block((enum fuzz_mode)mode, half - done[mode], harness_sstatus);
			if (done[0] + done[1] >= next_report && done[0] + done[1] < 2 * half) {
				print_counts("");
				next_report += FUZZ_PROGRESS;
			}
		}
	}
	csr_write(CSR_SATP, SATP_MODE_BARE << SATP_MODE_SHIFT);
	sfence_vma_all();
	printf("fuzz: %lu ms\n", (rdtime() - t0) / (timebase / 1000));
	print_counts(", done");
	return escaped || fuzz_pages.c.ctx.suspect ? 1 : 0;
}
