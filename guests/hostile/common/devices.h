/* devices.h: where configs/hostile.dts.in puts the emulated devices the device cases attack. */
#ifndef GUESTS_HOSTILE_DEVICES_H
#define GUESTS_HOSTILE_DEVICES_H

#define HOSTILE_TESTDEV      0x100000UL     /* every read returns 0x6688 (read-value) */
#define HOSTILE_UART         0x10000000UL   /* 16550A, byte registers */
#define HOSTILE_UART_MCR     (HOSTILE_UART + 4)
#define HOSTILE_UART_LSR     (HOSTILE_UART + 5)
#define HOSTILE_UART_MSR     (HOSTILE_UART + 6)
#define HOSTILE_UART_SCR     (HOSTILE_UART + 7)
#define HOSTILE_PLIC         0xc000000UL    /* 32-bit registers only */
#define HOSTILE_PLIC_PRIO10  (HOSTILE_PLIC + 10 * 4)           /* the UART's source */
#define HOSTILE_PLIC_ENABLE0 (HOSTILE_PLIC + 0x2000)           /* context 0 */
#define HOSTILE_PLIC_CLAIM0  (HOSTILE_PLIC + 0x200004)
#define HOSTILE_FLASH        0x22000000UL   /* CFI flash, emulated, 32-bit bank */
#define CFI_READ_ARRAY       0xff
#define CFI_READ_ID          0x90
#define CFI_QUERY            0x98

#endif
