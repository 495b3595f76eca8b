/* sbi_ids.h: SBI extension and function ids, error codes and states (SBI 2.0); shared by the
 * hypervisor (as caller of OpenSBI and as server for guests) and by the guests. Numbers only. */
#ifndef HV_RISCV_SBI_IDS_H
#define HV_RISCV_SBI_IDS_H

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

#define SBI_TIME_SET_TIMER         0
#define SBI_IPI_SEND               0
#define SBI_HSM_HART_START         0
#define SBI_HSM_HART_STOP          1
#define SBI_HSM_HART_GET_STATUS    2
#define SBI_HSM_HART_SUSPEND       3
#define SBI_HSM_STATE_STARTED        0
#define SBI_HSM_STATE_STOPPED        1
#define SBI_HSM_STATE_START_PENDING  2
#define SBI_HSM_STATE_STOP_PENDING   3
#define SBI_SRST_SYSTEM_RESET      0
#define SBI_DBCN_WRITE             0
#define SBI_DBCN_READ              1
#define SBI_DBCN_WRITE_BYTE        2
#define SBI_RFENCE_FENCE_I           0
#define SBI_RFENCE_SFENCE_VMA        1
#define SBI_RFENCE_SFENCE_VMA_ASID   2
#define SBI_RFENCE_HFENCE_GVMA_VMID  3
#define SBI_RFENCE_HFENCE_GVMA       4
#define SBI_RFENCE_HFENCE_VVMA_ASID  5
#define SBI_RFENCE_HFENCE_VVMA       6
/* legacy v0.1: the extension id is the function */
#define SBI_LEGACY_CLEAR_IPI         0x3
#define SBI_LEGACY_SEND_IPI          0x4
#define SBI_LEGACY_REMOTE_FENCE_I    0x5
#define SBI_LEGACY_REMOTE_SFENCE_VMA 0x6
#define SBI_LEGACY_REMOTE_SFENCE_VMA_ASID 0x7

#define SBI_SRST_SHUTDOWN          0
#define SBI_SRST_COLD_REBOOT       1
#define SBI_SRST_WARM_REBOOT       2
#define SBI_SRST_REASON_NONE       0
#define SBI_SRST_REASON_SYSFAIL    1

#define SBI_SUCCESS                 0
#define SBI_ERR_FAILED             -1
#define SBI_ERR_NOT_SUPPORTED      -2
#define SBI_ERR_INVALID_PARAM      -3
#define SBI_ERR_DENIED             -4
#define SBI_ERR_INVALID_ADDRESS    -5
#define SBI_ERR_ALREADY_AVAILABLE  -6
#define SBI_ERR_ALREADY_STARTED    -7
#define SBI_ERR_ALREADY_STOPPED    -8

#ifndef __ASSEMBLER__
struct sbiret {
	long error;
	long value;
};
#endif

#endif
