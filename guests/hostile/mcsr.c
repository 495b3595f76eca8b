/* mcsr.c: M-mode CSRs and CSR accesses that must trap, from VS-mode. They are not HS-qualified, so
 * the hart raises illegal-instruction (virtual-instruction for counters hcounteren hides); the
 * hypervisor emulates none of them (this VM has no csr-emulate), so the guest must see an illegal
 * instruction with stval = the bits. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define TRY_INSN(name, asm_text)                                                            \
	static void name(unsigned long arg)                                                 \
	{                                                                                   \
		(void)arg;                                                                  \
		__asm__ volatile("li a0, -1\n\t" asm_text ::: "a0", "memory");              \
	}

TRY_INSN(rd_mstatus, "csrr a0, mstatus")
TRY_INSN(wr_mstatus, "csrw mstatus, a0")
TRY_INSN(rd_misa, "csrr a0, misa")
TRY_INSN(wr_medeleg, "csrw medeleg, a0")
TRY_INSN(wr_mtvec, "csrw mtvec, a0")
TRY_INSN(rd_mscratch, "csrr a0, mscratch")
TRY_INSN(wr_mepc, "csrw mepc, a0")
TRY_INSN(rd_mhartid, "csrr a0, mhartid")
TRY_INSN(wr_pmpcfg0, "csrw pmpcfg0, a0")
TRY_INSN(wr_pmpaddr0, "csrw pmpaddr0, a0")
TRY_INSN(rd_mcycle, "csrr a0, mcycle")
TRY_INSN(wr_cycle, "csrw cycle, a0")           /* a user counter is read-only */
TRY_INSN(wr_time, "csrw time, a0")
TRY_INSN(rd_hpmcounter3, "csrr a0, hpmcounter3")
TRY_INSN(rd_dcsr, "csrr a0, 0x7b0")            /* dcsr: Debug Mode only */
TRY_INSN(rd_seed, "csrr a0, 0x015")            /* seed: reading without a write is illegal */

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	hostile_try("csrr mstatus", rd_mstatus, 0);
	hostile_try("csrw mstatus", wr_mstatus, 0);
	hostile_try("csrr misa", rd_misa, 0);
	hostile_try("csrw medeleg", wr_medeleg, 0);
	hostile_try("csrw mtvec", wr_mtvec, 0);
	hostile_try("csrr mscratch", rd_mscratch, 0);
	hostile_try("csrw mepc", wr_mepc, 0);
	hostile_try("csrr mhartid", rd_mhartid, 0);
	hostile_try("csrw pmpcfg0", wr_pmpcfg0, 0);
	hostile_try("csrw pmpaddr0", wr_pmpaddr0, 0);
	hostile_try("csrr mcycle", rd_mcycle, 0);
	hostile_try("csrw cycle", wr_cycle, 0);
	hostile_try("csrw time", wr_time, 0);
	hostile_try("csrr hpmcounter3", rd_hpmcounter3, 0);
	hostile_try("csrr dcsr", rd_dcsr, 0);
	hostile_try("csrr seed", rd_seed, 0);
	hostile_done("mcsr");
}
