/* sbi_call.h: calls from the hypervisor down to OpenSBI (M-mode). */
#ifndef HV_ARCH_SBI_CALL_H
#define HV_ARCH_SBI_CALL_H

#define SBI_EXT_LEGACY_SET_TIMER   0x0
#define SBI_EXT_LEGACY_PUTCHAR     0x1
#define SBI_EXT_LEGACY_GETCHAR     0x2
#define SBI_EXT_LEGACY_SHUTDOWN    0x8
#define SBI_EXT_BASE               0x10
#define SBI_EXT_TIME               0x54494d45
#define SBI_EXT_IPI                0x735049
#define SBI_EXT_RFENCE             0x52464e43
#define SBI_EXT_HSM                0x48534d
#define SBI_EXT_SRST               0x53525354
#define SBI_EXT_DBCN               0x4442434e

#define SBI_BASE_GET_SPEC_VERSION  0
#define SBI_BASE_GET_IMPL_ID       1
#define SBI_BASE_GET_IMPL_VERSION  2
#define SBI_BASE_PROBE_EXT         3
#define SBI_BASE_GET_MVENDORID     4
#define SBI_BASE_GET_MARCHID       5
#define SBI_BASE_GET_MIMPID        6

#define SBI_SUCCESS                 0
#define SBI_ERR_FAILED             -1
#define SBI_ERR_NOT_SUPPORTED      -2
#define SBI_ERR_INVALID_PARAM      -3
#define SBI_ERR_DENIED             -4
#define SBI_ERR_INVALID_ADDRESS    -5
#define SBI_ERR_ALREADY_AVAILABLE  -6
#define SBI_ERR_ALREADY_STARTED    -7
#define SBI_ERR_ALREADY_STOPPED    -8

#define SBI_SRST_SHUTDOWN          0
#define SBI_SRST_COLD_REBOOT       1
#define SBI_SRST_WARM_REBOOT       2

#ifndef __ASSEMBLER__
struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0,
		       unsigned long a1, unsigned long a2);
void sbi_legacy_putchar(int c);
void sbi_set_timer(unsigned long stime);
/* Powers the machine off through SRST (legacy shutdown as fallback); never returns. */
void __attribute__((noreturn)) sbi_poweroff(void);
#endif

#endif
