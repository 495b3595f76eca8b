/* hart.h: per-hart layout (stack and thread-local block) shared by entry.S and C. */
#ifndef HV_ARCH_HART_H
#define HV_ARCH_HART_H

#define HV_MAX_HARTS    8
#define HART_STACK_SIZE 16384
#define HART_TLS_SIZE   256

/* Byte offsets into struct trap_frame: x1..x31 at 8*n, then the CSRs. */
#define FRAME_SEPC      (32 * 8)
#define FRAME_SSTATUS   (33 * 8)
#define FRAME_SIZE      (34 * 8)

#ifndef __ASSEMBLER__
#include <stdint.h>
/* Registers of a trap taken while the hypervisor itself runs. */
struct trap_frame {
	unsigned long x[32];      /* x[0] unused */
	unsigned long sepc;
	unsigned long sstatus;
};

void hart_tls_init(unsigned long hartid);
#endif

#endif
