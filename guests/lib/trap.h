/* trap.h: the guest's S-mode trap vector hands every trap, as a frame, to one C handler the
 * guest kernel installs; what the handler leaves in the frame (registers, sepc, sstatus) is
 * what the interrupted code resumes with. */
#ifndef GUEST_LIB_TRAP_H
#define GUEST_LIB_TRAP_H

/* Byte offsets into struct guest_trap_frame (x1..x31 at 8*n). */
#define GUEST_FRAME_SEPC     (32 * 8)
#define GUEST_FRAME_SCAUSE   (33 * 8)
#define GUEST_FRAME_STVAL    (34 * 8)
#define GUEST_FRAME_SSTATUS  (35 * 8)
#define GUEST_FRAME_SIZE     (36 * 8)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include "lib/csr.h"

struct guest_trap_frame {
	unsigned long x[32];      /* x[0] unused; x[2] is the sp of the interrupted code */
	unsigned long sepc;
	unsigned long scause;
	unsigned long stval;
	unsigned long sstatus;
};

typedef bool (*guest_trap_handler_t)(struct guest_trap_frame *f);

/* Installs fn for every hart (NULL: none). fn returns true when it handled the trap: the frame
 * is then restored (sepc included) and the hart resumes with sret. An unhandled trap prints
 * scause, sepc and stval and shuts the machine down. Returns the previous handler. */
guest_trap_handler_t guest_set_trap_handler(guest_trap_handler_t fn);

/* Length in bytes (2 or 4) of the instruction at pc, from its low bits. */
unsigned long guest_insn_length(unsigned long pc);
/* Advances f->sepc past the instruction that trapped. */
void guest_trap_skip_insn(struct guest_trap_frame *f);

static inline bool trap_is_interrupt(unsigned long scause)
{
	return (scause & CAUSE_INTERRUPT_FLAG) != 0;
}

static inline unsigned long trap_code(unsigned long scause)
{
	return scause & ~CAUSE_INTERRUPT_FLAG;
}
#endif

#endif
