/* checks_traps.c: exceptions the guest must see in its own handler: page faults on its own Sv39
 * page table, and illegal instructions (a CSR the VM does not emulate, an all-zero halfword). */
#include <stdint.h>
#include "selftest.h"

#define SV39_GIGAPAGE     (1UL << 30)
#define SV39_UNMAPPED_VA  0x40000000UL        /* root slot 1: left empty */
#define INSN_CSRR_T0_MHARTID 0xf14022f3UL

static uint64_t sv39_root[512] __attribute__((aligned(4096)));

/* Every synchronous exception: record it and resume after the instruction. */
static bool exception_handler(struct guest_trap_frame *f)
{
	if (trap_is_interrupt(f->scause))
		return false;
	trap_seen_record(f);
	guest_trap_skip_insn(f);
	return true;
}

/* Identity-maps the gigapage holding the guest's RAM (and so its code, data and stacks). */
static void sv39_build(void)
{
	unsigned long ram = SELFTEST_RAM_BASE & ~(SV39_GIGAPAGE - 1);

	for (int i = 0; i < 512; i++)
		sv39_root[i] = 0;
	sv39_root[ram / SV39_GIGAPAGE] = ((ram >> 12) << PTE_PPN_SHIFT) |
		PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | PTE_G;
}

static void sv39_enable(void)
{
	csr_write(CSR_SATP, (SATP_MODE_SV39 << SATP_MODE_SHIFT) | ((unsigned long)sv39_root >> 12));
	sfence_vma_all();
}

static void sv39_disable(void)
{
	csr_write(CSR_SATP, SATP_MODE_BARE << SATP_MODE_SHIFT);
	sfence_vma_all();
}

/* Loads from va; returns the address of the load instruction. */
static unsigned long load_at(unsigned long va)
{
	unsigned long pc, v;
	__asm__ volatile("lla %0, 1f\n1:\tld %1, 0(%2)" : "=&r"(pc), "=&r"(v) : "r"(va) : "memory");
	(void)v;
	return pc;
}

/* Stores to va; returns the address of the store instruction. */
static unsigned long store_at(unsigned long va)
{
	unsigned long pc;
	__asm__ volatile("lla %0, 1f\n1:\tsd zero, 0(%1)" : "=&r"(pc) : "r"(va) : "memory");
	return pc;
}

/* One expected exception: cause, stval and sepc as the guest's handler saw them. */
static void check_exception(const char *name, unsigned long count, unsigned long cause,
			    unsigned long stval, unsigned long sepc, bool check_stval)
{
	check(name, count == 1 && trap_seen.scause == cause && trap_seen.sepc == sepc &&
		    (!check_stval || trap_seen.stval == stval),
	      "%lu traps; scause %lu (want %lu), sepc 0x%lx (want 0x%lx), stval 0x%lx (want 0x%lx)",
	      count, trap_seen.scause, cause, trap_seen.sepc, sepc, trap_seen.stval, stval);
}

void check_sv39_faults(void)
{
	guest_trap_handler_t old = guest_set_trap_handler(exception_handler);

	sv39_build();
	sv39_enable();
	trap_seen_reset();
	unsigned long pc = load_at(SV39_UNMAPPED_VA);
	struct trap_seen load = trap_seen;
	trap_seen_reset();
	unsigned long store_pc = store_at(SV39_UNMAPPED_VA);
	struct trap_seen store = trap_seen;
	sv39_disable();
	guest_set_trap_handler(old);

	trap_seen = load;
	check_exception("sv39_load_page_fault", load.count, CAUSE_LOAD_PAGE_FAULT,
			SV39_UNMAPPED_VA, pc, true);
	trap_seen = store;
	check_exception("sv39_store_page_fault", store.count, CAUSE_STORE_PAGE_FAULT,
			SV39_UNMAPPED_VA, store_pc, true);
	trap_seen_reset();
}

void check_illegal_instruction(void)
{
	guest_trap_handler_t old = guest_set_trap_handler(exception_handler);
	unsigned long pc;

	trap_seen_reset();
	__asm__ volatile("lla %0, 1f\n1:\tcsrr t0, mhartid" : "=&r"(pc) :: "t0", "memory");
	check_exception("illegal_csr_mhartid", trap_seen.count, CAUSE_ILLEGAL_INSTRUCTION,
			INSN_CSRR_T0_MHARTID, pc, true);

	trap_seen_reset();
	__asm__ volatile("lla %0, 1f\n1:\t.2byte 0" : "=&r"(pc) :: "memory");
	/* stval is 0 or the instruction bits (also 0): either way 0 */
	check_exception("illegal_zero_halfword", trap_seen.count, CAUSE_ILLEGAL_INSTRUCTION, 0, pc, true);

	guest_set_trap_handler(old);
	trap_seen_reset();
}
