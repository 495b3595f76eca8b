/* kernel.h: what the mkernel's files offer one another, one section per file. mkernel is a small
 * monolithic kernel: it loads one user application from the CFI flash, runs it in U-mode on its
 * own Sv39 page tables, and serves its Linux-numbered system calls. */
#ifndef MKERNEL_KERNEL_H
#define MKERNEL_KERNEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/trap.h"

/* Linux error numbers (returned negated to the application). */
#define EBADF   9
#define ENOMEM  12
#define EFAULT  14
#define EINVAL  22
#define ENOSYS  38

#define PAGE_SIZE  4096UL
#define ALIGN_UP(x, a)   (((x) + (a) - 1) & ~((a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((a) - 1))

/* ---- dt.c: what the kernel learns from its device tree ---- */
struct machine {
	uint64_t ram_base, ram_size;
	uint64_t flash_base, flash_size;
	uint64_t timebase_hz;
	uint64_t dtb_base, dtb_size;
};
/* Fills m from the DTB at dtb; 0, or -1 after printing what is missing. */
int dt_read_machine(const void *dtb, struct machine *m);

/* ---- mm.c: the page allocator and the Sv39 page table ---- */
/* Pages come from [start, end) (page-aligned inside). Builds an empty root table. 0 or -ENOMEM. */
int mm_init(uint64_t start, uint64_t end);
/* A zeroed page (its address is physical = kernel virtual), or NULL when none is left. */
void *mm_page_alloc(void);
void mm_page_free(void *page);
unsigned long mm_pages_free(void);
/* Identity-maps [base, base + size), rounded out to 2 MiB, with global kernel-only (U=0)
 * megapages carrying perm (PTE_R/W/X). 0, or a negative error. */
int mm_map_kernel(uint64_t base, uint64_t size, unsigned long perm);
/* Maps one 4 KiB user page (U=1, perm) at va; the page must be unmapped. 0, or a negative error. */
int mm_map_user(uint64_t va, void *page, unsigned long perm);
/* Unmaps the user page at va and returns it (NULL when va was not mapped). */
void *mm_unmap_user(uint64_t va);
/* The leaf PTE translating va (at any level), or NULL when va is unmapped. */
uint64_t *mm_lookup(uint64_t va);
/* Writes satp (Sv39, the root table) and flushes the TLB. */
void mm_enable_paging(void);

/* ---- vm.c: the process's address space: image, heap (brk) and demand-paged stack ---- */
#define USER_BASE        0x1000UL              /* the application is linked and entered here */
#define USER_HEAP_LIMIT  0x10000000UL          /* image and heap stay below 256 MiB */
#define USER_STACK_TOP   (1UL << 38)           /* the top of Sv39's lower half */
#define USER_STACK_SIZE  (1UL << 20)           /* the top 1 MiB below it is the stack region */
#define USER_STACK_BASE  (USER_STACK_TOP - USER_STACK_SIZE)

/* true when [base, base + size) collides with a user region (kernel mappings must not). */
bool vm_overlaps_user(uint64_t base, uint64_t size);
/* Copies the flat image into fresh pages mapped at USER_BASE (U, RWX); the heap starts after it. */
int vm_load_image(const void *image, size_t size);
/* Linux brk: 0 asks for the current break; returns the break after the call. */
uint64_t vm_brk(uint64_t addr);
/* A page fault at va (cause 12, 13 or 15): maps a zeroed page when va lies in the stack region or
 * below the break and is unmapped. 0 when handled; -EFAULT (not ours to fix) or -ENOMEM. */
int vm_handle_fault(uint64_t va, unsigned long cause);
/* Pages demand-mapped so far. */
unsigned long vm_stack_faults(void);
unsigned long vm_heap_faults(void);

/* ---- uaccess.c: the kernel's access to user memory ---- */
/* 0 when [uva, uva + len) is user memory the application may read (or write); unmapped pages in
 * the stack region or below the break are demand-mapped first. -EFAULT otherwise. */
int uaccess_check(uint64_t uva, size_t len, bool write);
/* Checked copies between kernel and user memory (sstatus.SUM on only while copying). */
int copy_from_user(void *dst, uint64_t uva, size_t len);
int copy_to_user(uint64_t uva, const void *src, size_t len);

/* ---- clock.c: time from rdtime and the DTB's timebase ---- */
void clock_init(uint64_t timebase_hz);
uint64_t clock_ticks(void);
void clock_ticks_to_timespec(uint64_t ticks, int64_t *sec, int64_t *nsec);
/* Ticks covering sec s + ns nanoseconds, rounded up (saturates instead of overflowing). */
uint64_t clock_timespec_to_ticks(int64_t sec, int64_t nsec);
/* Sleeps at least ticks: an SBI timer at the deadline and wfi until it has passed. */
void clock_sleep_ticks(uint64_t ticks);

/* ---- flash.c: the application image in the CFI flash ---- */
/* Checks the classic pflash header at base ("pfld", 00 00 00 01, big-endian payload size) and
 * returns the payload (at base + 16). 0, or -1 after printing what is wrong. */
int flash_find_payload(uint64_t base, uint64_t size, const void **payload, size_t *len);

/* ---- trap.S and trap.c: trap entry and exit, and dispatch ---- */
/* While the process runs, sscratch holds the top of the trap stack: the vector puts the frame
 * just below it and reloads the kernel's tp and gp from the two words at it (struct trap_top). In
 * the kernel, sscratch is 0 and traps use the current stack. */
struct trap_top {
	unsigned long kernel_tp, kernel_gp;
};
/* The kernel's callee-saved registers while the process runs. */
struct kernel_context {
	unsigned long ra, sp, s[12];
};
/* Saves the kernel's context in ctx and enters the frame f (which must sit just below a
 * struct trap_top) with sret. Returns value when trap_resume_kernel(ctx, value) is called. */
long trap_enter_user(struct kernel_context *ctx, struct guest_trap_frame *f);
void __attribute__((noreturn)) trap_resume_kernel(struct kernel_context *ctx, long value);
/* Installs the kernel's trap vector (stvec). */
void trap_init(void);
/* Called by the vector with the saved frame; what it leaves there is resumed. */
void trap_dispatch(struct guest_trap_frame *f);

/* ---- proc.c: the one process: entering it, and leaving it for good ---- */
#define PROC_PID 1
/* Runs the loaded application in U-mode until it exits (or is killed); returns its exit code.
 * *killed says whether the kernel killed it. */
long proc_run(bool *killed);
/* Ends the process with code; returns to proc_run's caller. */
void __attribute__((noreturn)) proc_exit(long code);
/* Ends the process after a fatal trap, printing why. */
void __attribute__((noreturn)) proc_kill(const char *why, const struct guest_trap_frame *f);

/* ---- bench.c: the mapping benchmark (bootargs bench=map, iters=N) ---- */
/* true when the bootargs ask for the mapping benchmark instead of the application. */
bool bench_requested(const void *dtb);
/* Maps, touches and unmaps user pages in a loop and prints the ticks it took; 0 or 1 on error. */
int bench_map_run(const void *dtb);

/* ---- syscall.c: Linux RISC-V system calls ---- */
/* Serves the ecall in f (a7 = number, a0..a5 = arguments): result in a0, sepc past the ecall. */
void syscall_handle(struct guest_trap_frame *f);

#endif
