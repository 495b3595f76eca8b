/* sbi_ids.c: SBI calls with extension and function ids nobody implements. Unknown EIDs (unused
 * standard, experimental 0x08xxxxxx, vendor 0x09xxxxxx, firmware 0x0Axxxxxx, -1, junk above 32
 * bits) and unknown FIDs of every implemented extension are NOT_SUPPORTED (-2); BASE probe of
 * them answers 0. Legacy calls ignore a6 and junk arguments: putchar prints the low byte, getchar
 * with no input answers -1, remote fences with a bad mask pointer answer INVALID_ADDRESS (-5). */
#include <stdio.h>
#include "hostile/common/hostile.h"

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	static const unsigned long eids[] = { 0x9, 0x11, 0x12345678, 0x08000000, 0x08FFFFFF, 0x09000000,
					      0x0A000000, 0x0AFFFFFF, -1UL, (1UL << 32) | SBI_EXT_BASE };
	char what[64];
	for (unsigned i = 0; i < sizeof(eids) / sizeof(eids[0]); i++) {
		snprintf(what, sizeof(what), "eid 0x%lx", eids[i]);
		hostile_sbi(what, eids[i], 0, 0, 0, 0, 0, 0);
		snprintf(what, sizeof(what), "probe 0x%lx", eids[i]);
		hostile_sbi(what, SBI_EXT_BASE, SBI_BASE_PROBE_EXT, eids[i], 0, 0, 0, 0);
	}
	static const struct { const char *name; unsigned long eid, fid; } fids[] = {
		{ "base", SBI_EXT_BASE, 7 }, { "time", SBI_EXT_TIME, 1 }, { "ipi", SBI_EXT_IPI, 1 },
		{ "rfence", SBI_EXT_RFENCE, 7 }, { "hsm", SBI_EXT_HSM, 4 }, { "srst", SBI_EXT_SRST, 1 },
		{ "dbcn", SBI_EXT_DBCN, 3 }, { "base", SBI_EXT_BASE, -1UL }, { "hsm", SBI_EXT_HSM, 1UL << 32 },
	};
	for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		snprintf(what, sizeof(what), "%s fid 0x%lx", fids[i].name, fids[i].fid);
		hostile_sbi(what, fids[i].eid, fids[i].fid, 0, 0, 0, 0, 0);
	}
	/* legacy: a6 (fid) is junk on purpose; only a0 comes back */
	hostile_sbi("legacy getchar", SBI_EXT_LEGACY_GETCHAR, 0xdead, 0, 0, 0, 0, 0);
	hostile_sbi("legacy clear_ipi", SBI_LEGACY_CLEAR_IPI, 0xdead, -1UL, -1UL, 0, 0, 0);
	hostile_sbi("legacy remote_fence_i mask at -8", SBI_LEGACY_REMOTE_FENCE_I, 0xdead, -8UL, 0, 0, 0, 0);
	hostile_sbi("legacy sfence_vma mask at 0x1000", SBI_LEGACY_REMOTE_SFENCE_VMA, 0, 0x1000, 0, -1UL, 0, 0);
	hostile_sbi("legacy sfence_vma_asid all, huge", SBI_LEGACY_REMOTE_SFENCE_VMA_ASID, 0, 0, -4096UL, -1UL, -1UL, 0);
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0xdead, 0x100 | '!', 0, 0, 0, 0, 0);
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0xdead, 0xa0a, 0, 0, 0, 0, 0);
	hostile_done("sbi_ids");
}
