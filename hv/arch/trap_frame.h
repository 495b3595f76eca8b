/* trap_frame.h: the registers of a trap the hypervisor takes itself (trap_entry.S saves them). */
#ifndef HV_ARCH_TRAP_FRAME_H
#define HV_ARCH_TRAP_FRAME_H

/* Byte offsets into struct trap_frame: x1..x31 at 8*n, then the CSRs. */
#define FRAME_SEPC      (32 * 8)
#define FRAME_SSTATUS   (33 * 8)
#define FRAME_SIZE      (34 * 8)

#ifndef __ASSEMBLER__
struct trap_frame {
	unsigned long x[32];      /* x[0] unused */
	unsigned long sepc;
	unsigned long sstatus;
};
#endif

#endif
