/* sbi.c: the ecall wrapper and the SBI helpers guests use (see sbi.h). */
#include "lib/sbi.h"

struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1,
		       unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r_a0 __asm__("a0") = a0;
	register unsigned long r_a1 __asm__("a1") = a1;
	register unsigned long r_a2 __asm__("a2") = a2;
	register unsigned long r_a3 __asm__("a3") = a3;
	register unsigned long r_a4 __asm__("a4") = a4;
	register unsigned long r_a5 __asm__("a5") = a5;
	register unsigned long r_a6 __asm__("a6") = fid;
	register unsigned long r_a7 __asm__("a7") = eid;
	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a6), "r"(r_a7)
			 : "memory");
	return (struct sbiret){ (long)r_a0, (long)r_a1 };
}

static struct sbiret sbi_call0(unsigned long eid, unsigned long fid)
{
	return sbi_call(eid, fid, 0, 0, 0, 0, 0, 0);
}

static struct sbiret sbi_call1(unsigned long eid, unsigned long fid, unsigned long a0)
{
	return sbi_call(eid, fid, a0, 0, 0, 0, 0, 0);
}

long sbi_get_spec_version(void)
{
	return sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION).value;
}

long sbi_get_impl_id(void)
{
	return sbi_call0(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID).value;
}

long sbi_probe_extension(unsigned long eid)
{
	struct sbiret r = sbi_call1(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, eid);
	return r.error ? 0 : r.value;
}

void sbi_legacy_putchar(int c)
{
	sbi_call1(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned long)(unsigned char)c);
}

void sbi_legacy_shutdown(void)
{
	sbi_call0(SBI_EXT_LEGACY_SHUTDOWN, 0);
	for (;;)
		__asm__ volatile("wfi");
}

struct sbiret sbi_set_timer(unsigned long stime)
{
	return sbi_call1(SBI_EXT_TIME, SBI_TIME_SET_TIMER, stime);
}

struct sbiret sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_call(SBI_EXT_IPI, SBI_IPI_SEND, hart_mask, hart_mask_base, 0, 0, 0, 0);
}

struct sbiret sbi_hart_start(unsigned long hartid, unsigned long start_addr, unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, start_addr, opaque, 0, 0, 0);
}

struct sbiret sbi_hart_stop(void)
{
	return sbi_call0(SBI_EXT_HSM, SBI_HSM_HART_STOP);
}

struct sbiret sbi_hart_get_status(unsigned long hartid)
{
	return sbi_call1(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hartid);
}

struct sbiret sbi_debug_console_write(const void *buf, size_t len)
{
	/* RV64: the whole address fits in base_addr_lo; base_addr_hi is 0 */
	return sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, len, (unsigned long)buf, 0, 0, 0, 0);
}

struct sbiret sbi_debug_console_write_byte(unsigned char byte)
{
	return sbi_call1(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, byte);
}

struct sbiret sbi_system_reset(unsigned long type, unsigned long reason)
{
	return sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, type, reason, 0, 0, 0, 0);
}

void sbi_shutdown(bool failure)
{
	sbi_system_reset(SBI_SRST_SHUTDOWN, failure ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
	sbi_legacy_shutdown();
}
