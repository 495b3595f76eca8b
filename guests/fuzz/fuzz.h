/* fuzz.h: the fuzz guest's parts: the block context its trap handler shares with the harness, the
 * scratch pages and their page tables, and the block generator. */
#ifndef GUEST_FUZZ_FUZZ_H
#define GUEST_FUZZ_FUZZ_H

/* struct fuzz_run: x1..x30 at 8*n (x31 goes through the context), then the CSRs sret enters with */
#define RUN_SEPC      (32 * 8)
#define RUN_SSTATUS   (33 * 8)
#define RUN_SATP      (34 * 8)
#define RUN_T6        (35 * 8)

/* struct fuzz_ctx, the handler's page: the harness's callee-saved registers, then the block */
#define CTX_RA        0
#define CTX_SP        8
#define CTX_GP        16
#define CTX_TP        24
#define CTX_S0        32          /* s0..s11 at 32..120 */
#define CTX_SSTATUS   128         /* the harness's sstatus and satp, for the way back */
#define CTX_SATP      136
#define CTX_START     144         /* the block's first word */
#define CTX_END       152         /* the ebreak that ends it */
#define CTX_SPP       160         /* sstatus.SPP every trap from the block must show */
#define CTX_T6        168         /* t6 for the block's first instruction */
#define CTX_SAVE      176         /* t0..t4 of the interrupted block */
#define CTX_EXIT      216         /* why the block ended: FUZZ_EXIT_* */
#define CTX_ESEPC     224
#define CTX_ESCAUSE   232
#define CTX_SUSPECT   240         /* traps with a wrong stval or sstatus.SPP */
#define CTX_INTR      248         /* interrupts */
#define CTX_OTHER     256         /* exceptions with a cause >= FUZZ_NCAUSES */
#define CTX_COUNTS    264         /* exceptions by cause */
#define FUZZ_NCAUSES  24
#define CTX_ALIAS     (CTX_COUNTS + FUZZ_NCAUSES * 8)   /* where the handler reads the block's words */

#define FUZZ_EXIT_DONE      0     /* reached the final ebreak */
#define FUZZ_EXIT_INTERRUPT 1     /* an interrupt the block enabled */
#define FUZZ_EXIT_ESCAPED   2     /* a trap from outside the block: a harness bug */

#define FUZZ_SATP_ASID_SHIFT 44
#define FUZZ_ASID_HARNESS 1       /* two ASIDs for two fixed tables: switching needs no sfence.vma */
#define FUZZ_ASID_FUZZ    2
#define FUZZ_PAGE     4096
/* Where the fuzz table maps the context page: VS-mode could write it as the handler does, so it
 * sits where no short computation from the block's values lands: not lui or auipc near the code,
 * not a small number shifted (0x3000000000 was 3 << 36, and a seed found it), no data page's
 * neighbour. The two code pages follow it,
 * read-only for S-mode, so the handler reads a VU word without setting sstatus.SUM (QEMU flushes
 * its TLB on every change of SUM). */
#define FUZZ_CTX_VA   0x1b3a5c7000
#define FUZZ_ALIAS_S  (FUZZ_CTX_VA + FUZZ_PAGE)
#define FUZZ_ALIAS_U  (FUZZ_CTX_VA + 2 * FUZZ_PAGE)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

struct fuzz_run {
	unsigned long x[32];      /* x[0] and x[31] unused: t6 is t6_value */
	unsigned long sepc, sstatus, satp, t6_value;
};

struct fuzz_ctx {
	unsigned long ra, sp, gp, tp, s[12], sstatus, satp;
	unsigned long start, end, spp, t6, save[5];
	unsigned long exit, exit_sepc, exit_scause;
	unsigned long suspect, interrupts, other, counts[FUZZ_NCAUSES];
	unsigned long alias;
};

/* The scratch pages, identity-mapped in the fuzz page table: VS code (R X), VS data (R W), then
 * the same for VU (U=1); an unmapped guard page; the handler's context (mapped at FUZZ_CTX_VA). */
struct fuzz_pages {
	uint16_t s_code[FUZZ_PAGE / 2];
	uint8_t s_data[FUZZ_PAGE];
	uint16_t u_code[FUZZ_PAGE / 2];
	uint8_t u_data[FUZZ_PAGE];
	uint8_t guard[FUZZ_PAGE];
	union {
		struct fuzz_ctx ctx;
		uint8_t page[FUZZ_PAGE];
	} c;
};
extern struct fuzz_pages fuzz_pages;

/* harness.S: loads the registers and CSRs of run, switches to the fuzz page table and srets into
 * the block; its trap vector skips every faulting word and returns from fuzz_enter when the block
 * ends (fuzz_pages.c.ctx says how). */
void fuzz_enter(struct fuzz_run *run);
extern char fuzz_harness_page[];   /* fuzz_enter and the trap vector: one execute-only page */

/* mmu.c: builds both page tables; satp values for the harness (all RAM) and the fuzz run. */
void fuzz_mmu_build(void);
unsigned long fuzz_mmu_harness_satp(void);
unsigned long fuzz_mmu_fuzz_satp(void);

/* gen.c: a seeded generator (splitmix64) and the blocks it makes */
struct fuzz_rng { uint64_t state; };
uint64_t fuzz_rng_next(struct fuzz_rng *r);

enum fuzz_mode { FUZZ_VS = 0, FUZZ_VU = 1 };

enum fuzz_filter {
	FILTER_NONE = 0,
	FILTER_JUMP,         /* a branch or jump: blocks run straight through */
	FILTER_CSR,          /* writes satp or stvec, or touches sscratch: the handler's address space, vector, context */
	FILTER_NONDET,       /* reads a counter or entropy, or sets the timer: a replay would differ */
	FILTER_SRET,         /* sret in VS-mode: it would jump back to the last trap's sepc */
	FILTER_WFI,          /* wfi in VS-mode: nothing wakes it */
	FILTER_COUNT,
};

struct fuzz_block {
	unsigned words;               /* generated words, the final ebreak not counted */
	unsigned sbi_calls;           /* VS ecalls, each behind li a7/a6 with a call that keeps the guest alive */
	uint16_t offset[FUZZ_PAGE / 2];   /* each word's byte offset in the page */
	unsigned long filtered[FILTER_COUNT];
};

/* Fills page with at most max_words random words (a VS ecall counts as the four words of its
 * sequence) and an ebreak after them; returns the ebreak's byte offset. */
unsigned fuzz_gen_block(struct fuzz_rng *r, enum fuzz_mode mode, uint16_t *page, unsigned max_words,
			struct fuzz_block *b);
/* Register values for one block: pointers into the mode's data page, random and small numbers. */
void fuzz_gen_regs(struct fuzz_rng *r, enum fuzz_mode mode, struct fuzz_run *run);
#endif

#endif
