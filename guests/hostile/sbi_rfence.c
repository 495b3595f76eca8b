/* sbi_rfence.c: SBI RFENCE with hostile hart masks and ranges in a 2-vCPU VM. A mask naming a hart
 * the VM lacks (bit 2, base 1000, base 64) is INVALID_PARAM (-3); a huge range (size -1), a range
 * wrapping past 2^64 and any ASID are fenced whole (flushing more is always correct) and succeed
 * at once; hfence.* (for guests with the H extension, which ours lack) and unknown fids are
 * NOT_SUPPORTED (-2). */
#include "hostile/common/hostile.h"

static void rf(const char *what, unsigned long fid, unsigned long mask, unsigned long base, unsigned long start,
	       unsigned long size, unsigned long asid)
{
	hostile_sbi(what, SBI_EXT_RFENCE, fid, mask, base, start, size, asid);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	rf("fence.i hart 2", SBI_RFENCE_FENCE_I, 1UL << 2, 0, 0, 0, 0);
	rf("fence.i mask ~0", SBI_RFENCE_FENCE_I, ~0UL, 0, 0, 0, 0);
	rf("fence.i base 1000", SBI_RFENCE_FENCE_I, 1, 1000, 0, 0, 0);
	rf("fence.i base 64", SBI_RFENCE_FENCE_I, 1, 64, 0, 0, 0);
	rf("fence.i base 1 mask 3", SBI_RFENCE_FENCE_I, 3, 1, 0, 0, 0);
	rf("fence.i mask 0 base 1000", SBI_RFENCE_FENCE_I, 0, 1000, 0, 0, 0);
	rf("fence.i all", SBI_RFENCE_FENCE_I, 0, -1UL, 0, 0, 0);
	rf("sfence.vma hart 5", SBI_RFENCE_SFENCE_VMA, 1UL << 5, 0, 0, -1UL, 0);
	rf("sfence.vma size -1", SBI_RFENCE_SFENCE_VMA, 0, -1UL, 0, -1UL, 0);
	rf("sfence.vma start -1 size -1", SBI_RFENCE_SFENCE_VMA, 3, 0, -1UL, -1UL, 0);
	rf("sfence.vma wrapping", SBI_RFENCE_SFENCE_VMA, 1, 0, -0x1000UL, 0x10000, 0);
	rf("sfence.vma size 0", SBI_RFENCE_SFENCE_VMA, 1, 0, 0x80000000, 0, 0);
	rf("sfence.vma_asid asid -1", SBI_RFENCE_SFENCE_VMA_ASID, 1, 0, 0, -1UL, -1UL);
	rf("sfence.vma_asid asid 2^40", SBI_RFENCE_SFENCE_VMA_ASID, 0, -1UL, 0x1000, 0x1000, 1UL << 40);
	rf("sfence.vma_asid hart 3", SBI_RFENCE_SFENCE_VMA_ASID, 1, 3, 0, -1UL, 1);
	for (unsigned long fid = SBI_RFENCE_HFENCE_GVMA_VMID; fid <= SBI_RFENCE_HFENCE_VVMA + 1; fid++)
		rf(fid <= SBI_RFENCE_HFENCE_VVMA ? "hfence" : "unknown fid 7", fid, 0, -1UL, 0, -1UL, 0);
	hostile_done("sbi_rfence");
}
