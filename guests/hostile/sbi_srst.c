/* sbi_srst.c: SBI System Reset with reserved or unimplemented types and reasons. Each is
 * INVALID_PARAM (-3) per SBI 2.0 (vendor types included: platform-specific and unimplemented) and
 * the VM keeps running; an unknown fid is NOT_SUPPORTED (-2). Last, a valid shutdown with a vendor
 * reason (0xF0000001) shuts the VM down normally. */
#include "hostile/common/hostile.h"

static void srst(const char *what, unsigned long fid, unsigned long type, unsigned long reason)
{
	hostile_sbi(what, SBI_EXT_SRST, fid, type, reason, 0, 0, 0);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	srst("type 3 (reserved)", 0, 3, 0);
	srst("type 0xEFFFFFFF (reserved)", 0, 0xEFFFFFFFUL, 0);
	srst("type 0xF0000000 (vendor, unimplemented)", 0, 0xF0000000UL, 0);
	srst("type 0xFFFFFFFF (vendor, unimplemented)", 0, 0xFFFFFFFFUL, 0);
	srst("type 2^32 (above 32 bits)", 0, 1UL << 32, 0);
	srst("type -1", 0, -1UL, 0);
	srst("shutdown reason 2 (reserved)", 0, SBI_SRST_SHUTDOWN, 2);
	srst("shutdown reason 0xDFFFFFFF (reserved)", 0, SBI_SRST_SHUTDOWN, 0xDFFFFFFFUL);
	srst("cold reboot reason 2^32", 0, SBI_SRST_COLD_REBOOT, 1UL << 32);
	srst("unknown fid 1", 1, SBI_SRST_SHUTDOWN, 0);
	hostile_sbi("still running", SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_SRST, 0, 0, 0, 0);
	srst("shutdown with vendor reason 0xF0000001", 0, SBI_SRST_SHUTDOWN, 0xF0000001UL);
	hostile_done("sbi_srst (shutdown RETURNED)");
}
