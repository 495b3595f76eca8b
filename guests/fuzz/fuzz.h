/* fuzz.h: the fuzz guest's parts: the run record handed to the harness, the saved harness context,
 * the scratch pages and their page tables, and the instruction generator. */
#ifndef GUEST_FUZZ_FUZZ_H
#define GUEST_FUZZ_FUZZ_H

/* struct fuzz_run: x1..x30 at 8*n (x31 goes through sscratch), then the CSRs sret enters with */
#define RUN_SEPC      (32 * 8)
#define RUN_SSTATUS   (33 * 8)
#define RUN_SATP      (34 * 8)
#define RUN_T6        (35 * 8)
#define RUN_SIZE      (36 * 8)

/* fuzz_ctx: what the harness keeps across one random instruction, and what its trap left */
#define CTX_RA        0
#define CTX_SP        8
#define CTX_GP        16
#define CTX_TP        24
#define CTX_S0        32          /* s0..s11 at 32..120 */
#define CTX_SSTATUS   128
#define CTX_SCAUSE    136
#define CTX_SEPC      144
#define CTX_STVAL     152
#define CTX_TSTATUS   160         /* sstatus as the trap left it (SPP: the mode it came from) */
#define CTX_SIZE      168

#define FUZZ_SATP_SV39 8          /* satp.MODE for Sv39 (lib/csr.h's SATP_MODE_SV39), for the assembler */
#define FUZZ_SATP_ASID_SHIFT 44
#define FUZZ_ASID_HARNESS 1       /* two ASIDs for two fixed tables: switching needs no sfence.vma */
#define FUZZ_ASID_FUZZ    2
#define FUZZ_PAGE     4096
#define FUZZ_WORD_OFF 4           /* the random word follows a one-instruction prologue */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

struct fuzz_run {
	unsigned long x[32];      /* x[0] and x[31] unused: t6 is t6_value */
	unsigned long sepc, sstatus, satp, t6_value;
};

struct fuzz_ctx {
	unsigned long ra, sp, gp, tp, s[12], sstatus;
	unsigned long scause, sepc, stval, tstatus;
};

/* The scratch pages, identity-mapped in the fuzz page table: VS code (R X), VS data (R W), then
 * the same for VU (U=1). Nothing else is reachable by a random instruction but the harness page. */
struct fuzz_pages {
	uint16_t s_code[FUZZ_PAGE / 2];
	uint8_t s_data[FUZZ_PAGE];
	uint16_t u_code[FUZZ_PAGE / 2];
	uint8_t u_data[FUZZ_PAGE];
};
extern struct fuzz_pages fuzz_pages;
extern struct fuzz_ctx fuzz_ctx;
extern uint64_t fuzz_root_harness[512];

/* harness.S: loads the registers and CSRs of run, switches to the fuzz page table and srets
 * into the scratch code; returns when the first trap (whatever it is) comes back. */
void fuzz_enter(struct fuzz_run *run);
extern char fuzz_harness_page[];   /* fuzz_enter and the trap vector: one execute-only page */

/* mmu.c: builds both page tables; satp values for the harness (all RAM) and the fuzz run. */
void fuzz_mmu_build(void);
unsigned long fuzz_mmu_harness_satp(void);
unsigned long fuzz_mmu_fuzz_satp(void);

/* gen.c: a seeded generator (splitmix64) and the instruction words it makes */
struct fuzz_rng { uint64_t state; };
uint64_t fuzz_rng_next(struct fuzz_rng *r);

enum fuzz_mode { FUZZ_VS = 0, FUZZ_VU = 1 };

enum fuzz_filter {
	FILTER_NONE = 0,
	FILTER_CSR,          /* writes satp or stvec: the harness's own address space and vector */
	FILTER_SBI,          /* an ecall that would stop, reset or print (a7/a6 as the harness set them) */
	FILTER_LOOP,         /* a jump or branch back onto itself or its prologue: a hang, not a test */
	FILTER_COUNT,
};

struct fuzz_word {
	uint32_t bits;       /* a 16-bit word in the low half when len == 2 */
	unsigned len;
	bool wfi;
};

/* A random word: half fully random, half drawn from valid major opcodes and interesting CSRs. */
void fuzz_gen_word(struct fuzz_rng *r, struct fuzz_word *w);
/* Register values for one run: pointers into the mode's data page, random and small numbers,
 * and in a7/a6 an SBI extension and function. */
void fuzz_gen_regs(struct fuzz_rng *r, enum fuzz_mode mode, struct fuzz_run *run);
/* Why w must not run with these registers at pc, or FILTER_NONE. */
enum fuzz_filter fuzz_filter_word(const struct fuzz_word *w, const struct fuzz_run *run,
				  enum fuzz_mode mode, unsigned long pc);
#endif

#endif
