/* csr.h: RISC-V CSR numbers, bit fields and access macros; the only place that names them. */
#ifndef HV_RISCV_CSR_H
#define HV_RISCV_CSR_H

/* The lowest privilege that may access a CSR: bits 9:8 of its number (0 user, 1 supervisor, 3 machine) */
#define CSR_PRIVILEGE(csr) (((csr) >> 8) & 3)

/* Supervisor CSRs */
#define CSR_SSTATUS     0x100
#define CSR_SIE         0x104
#define CSR_STVEC       0x105
#define CSR_SCOUNTEREN  0x106
#define CSR_SENVCFG     0x10a
#define CSR_SSCRATCH    0x140
#define CSR_SEPC        0x141
#define CSR_SCAUSE      0x142
#define CSR_STVAL       0x143
#define CSR_SIP         0x144
#define CSR_STIMECMP    0x14d
#define CSR_SATP        0x180

/* Hypervisor CSRs */
#define CSR_HSTATUS     0x600
#define CSR_HEDELEG     0x602
#define CSR_HIDELEG     0x603
#define CSR_HIE         0x604
#define CSR_HTIMEDELTA  0x605
#define CSR_HCOUNTEREN  0x606
#define CSR_HGEIE       0x607
#define CSR_HENVCFG     0x60a
#define CSR_HTVAL       0x643
#define CSR_HIP         0x644
#define CSR_HVIP        0x645
#define CSR_HTINST      0x64a
#define CSR_HGATP       0x680
#define CSR_HGEIP       0xe12

/* Virtual supervisor CSRs */
#define CSR_VSSTATUS    0x200
#define CSR_VSIE        0x204
#define CSR_VSTVEC      0x205
#define CSR_VSSCRATCH   0x240
#define CSR_VSEPC       0x241
#define CSR_VSCAUSE     0x242
#define CSR_VSTVAL      0x243
#define CSR_VSIP        0x244
#define CSR_VSTIMECMP   0x24d
#define CSR_VSATP       0x280

/* Floating point (a guest's, named in traces and descriptions) */
#define CSR_FFLAGS      0x001
#define CSR_FRM         0x002
#define CSR_FCSR        0x003

/* Machine-level CSRs a guest may name (the hypervisor never accesses them itself) */
#define CSR_MSTATUS     0x300
#define CSR_MISA        0x301
#define CSR_MEDELEG     0x302
#define CSR_MIDELEG     0x303
#define CSR_MIE         0x304
#define CSR_MTVEC       0x305
#define CSR_MCOUNTEREN  0x306
#define CSR_MENVCFG     0x30a
#define CSR_MSCRATCH    0x340
#define CSR_MEPC        0x341
#define CSR_MCAUSE      0x342
#define CSR_MTVAL       0x343
#define CSR_MIP         0x344
#define CSR_MTINST      0x34a
#define CSR_MTVAL2      0x34b

/* Counters and machine information, as guests name them */
#define CSR_CYCLE       0xc00
#define CSR_TIME        0xc01
#define CSR_INSTRET     0xc02
#define CSR_MVENDORID   0xf11
#define CSR_MARCHID     0xf12
#define CSR_MIMPID      0xf13
#define CSR_MHARTID     0xf14

/* sstatus */
#define SSTATUS_SIE     (1UL << 1)
#define SSTATUS_SPIE    (1UL << 5)
#define SSTATUS_SPP     (1UL << 8)
#define SSTATUS_FS      (3UL << 13)
#define SSTATUS_FS_INITIAL (1UL << 13)
#define SSTATUS_FS_CLEAN (2UL << 13)
#define SSTATUS_FS_DIRTY (3UL << 13)
#define SSTATUS_SUM     (1UL << 18)
#define SSTATUS_MXR     (1UL << 19)

/* hstatus */
#define HSTATUS_GVA     (1UL << 6)
#define HSTATUS_SPV     (1UL << 7)
#define HSTATUS_SPVP    (1UL << 8)
#define HSTATUS_HU      (1UL << 9)
#define HSTATUS_VTVM    (1UL << 20)
#define HSTATUS_VTW     (1UL << 21)
#define HSTATUS_VTSR    (1UL << 22)

/* interrupt numbers and bits (sip/sie/hvip/hie) */
#define IRQ_S_SOFT      1
#define IRQ_VS_SOFT     2
#define IRQ_S_TIMER     5
#define IRQ_VS_TIMER    6
#define IRQ_S_EXT       9
#define IRQ_VS_EXT      10
#define IRQ_SG_EXT      12
#define MIP_SSIP        (1UL << IRQ_S_SOFT)
#define MIP_VSSIP       (1UL << IRQ_VS_SOFT)
#define MIP_STIP        (1UL << IRQ_S_TIMER)
#define MIP_VSTIP       (1UL << IRQ_VS_TIMER)
#define MIP_SEIP        (1UL << IRQ_S_EXT)
#define MIP_VSEIP       (1UL << IRQ_VS_EXT)
#define VS_INTERRUPTS   (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

/* scause values */
#define CAUSE_INTERRUPT_FLAG          (1UL << 63)
#define CAUSE_MISALIGNED_FETCH        0
#define CAUSE_FETCH_ACCESS            1
#define CAUSE_ILLEGAL_INSTRUCTION     2
#define CAUSE_BREAKPOINT              3
#define CAUSE_MISALIGNED_LOAD         4
#define CAUSE_LOAD_ACCESS             5
#define CAUSE_MISALIGNED_STORE        6
#define CAUSE_STORE_ACCESS            7
#define CAUSE_USER_ECALL              8
#define CAUSE_SUPERVISOR_ECALL        9
#define CAUSE_VIRTUAL_SUPERVISOR_ECALL 10
#define CAUSE_MACHINE_ECALL           11
#define CAUSE_FETCH_PAGE_FAULT        12
#define CAUSE_LOAD_PAGE_FAULT         13
#define CAUSE_STORE_PAGE_FAULT        15
#define CAUSE_FETCH_GUEST_PAGE_FAULT  20
#define CAUSE_LOAD_GUEST_PAGE_FAULT   21
#define CAUSE_VIRTUAL_INSTRUCTION     22
#define CAUSE_STORE_GUEST_PAGE_FAULT  23

/* hgatp */
#define HGATP_MODE_SHIFT  60
#define HGATP_MODE_SV39X4 8UL
#define HGATP_MODE_SV48X4 9UL
#define HGATP_VMID_SHIFT  44
#define HGATP_VMID_MASK   0x3fffUL
#define HGATP_PPN_MASK    ((1UL << 44) - 1)

/* satp / vsatp, and the page-table entry format (Sv39/Sv48, the same for the G-stage) */
#define SATP_MODE_SHIFT   60
#define SATP_MODE_BARE    0UL
#define SATP_MODE_SV39    8UL
#define SATP_MODE_SV48    9UL
#define SATP_MODE_SV57    10UL
#define SATP_PPN_MASK     ((1UL << 44) - 1)
#define PTE_V  (1UL << 0)
#define PTE_R  (1UL << 1)
#define PTE_W  (1UL << 2)
#define PTE_X  (1UL << 3)
#define PTE_U  (1UL << 4)
#define PTE_G  (1UL << 5)
#define PTE_A  (1UL << 6)
#define PTE_D  (1UL << 7)
#define PTE_RWX (PTE_R | PTE_W | PTE_X)
#define PTE_FLAGS_MASK 0x3ffUL
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK  ((1UL << 44) - 1)

/* henvcfg / hcounteren */
#define HENVCFG_STCE      (1UL << 63)
#define HCOUNTEREN_CY     (1UL << 0)
#define HCOUNTEREN_TM     (1UL << 1)
#define HCOUNTEREN_IR     (1UL << 2)

#ifndef __ASSEMBLER__
#define CSR_STR_(x) #x
#define CSR_STR(x) CSR_STR_(x)

#define csr_read(csr) ({ unsigned long __v; \
	__asm__ volatile("csrr %0, " CSR_STR(csr) : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrw " CSR_STR(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrs " CSR_STR(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrc " CSR_STR(csr) ", %0" :: "rK"(__v) : "memory"); })
#define csr_swap(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrrw %0, " CSR_STR(csr) ", %1" : "=r"(__v) : "rK"(__v) : "memory"); __v; })
#endif

#endif
