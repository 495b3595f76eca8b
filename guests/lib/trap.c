/* trap.c: dispatches a guest trap to the handler the guest kernel installed; reports and shuts
 * down on anything nobody handled. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "lib/guest.h"
#include "lib/trap.h"

_Static_assert(offsetof(struct guest_trap_frame, sepc) == GUEST_FRAME_SEPC, "frame layout");
_Static_assert(offsetof(struct guest_trap_frame, scause) == GUEST_FRAME_SCAUSE, "frame layout");
_Static_assert(offsetof(struct guest_trap_frame, stval) == GUEST_FRAME_STVAL, "frame layout");
_Static_assert(offsetof(struct guest_trap_frame, sstatus) == GUEST_FRAME_SSTATUS, "frame layout");
_Static_assert(sizeof(struct guest_trap_frame) == GUEST_FRAME_SIZE, "frame layout");
_Static_assert(GUEST_FRAME_SIZE % 16 == 0, "the frame keeps sp 16-byte aligned");

static guest_trap_handler_t volatile trap_handler;

guest_trap_handler_t guest_set_trap_handler(guest_trap_handler_t fn)
{
	guest_trap_handler_t old = trap_handler;
	trap_handler = fn;
	__asm__ volatile("fence rw, rw" ::: "memory");
	return old;
}

unsigned long guest_insn_length(unsigned long pc)
{
	uint16_t low = *(volatile const uint16_t *)pc;
	return (low & 3) == 3 ? 4 : 2;
}

void guest_trap_skip_insn(struct guest_trap_frame *f)
{
	f->sepc += guest_insn_length(f->sepc);
}

void guest_trap_dispatch(struct guest_trap_frame *f);

void guest_trap_dispatch(struct guest_trap_frame *f)
{
	guest_trap_handler_t fn = trap_handler;

	if (fn && fn(f))
		return;
	printf("guest: hart %lu: unhandled %s %lu: scause=0x%lx sepc=0x%lx stval=0x%lx sstatus=0x%lx\n",
	       guest_hart_id(), trap_is_interrupt(f->scause) ? "interrupt" : "exception",
	       trap_code(f->scause), f->scause, f->sepc, f->stval, f->sstatus);
	guest_exit(1);
}
