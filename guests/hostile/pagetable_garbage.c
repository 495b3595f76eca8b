/* pagetable_garbage.c: the guest enables Sv39 and then fills its page tables with garbage: a
 * misaligned superpage, W without R, reserved bits, PBMT and N bits (no Svpbmt/Svnapot), a pointer
 * at the last level, execute-only, a U page, a read-only page, and finally a leaf whose address is
 * outside the VM's RAM. Expected: each broken PTE gives the guest its own page fault (delegated:
 * cause 13/15, stval = the virtual address, the hypervisor never involved); the leaf outside RAM is
 * a guest-page fault and the VM is stopped with the "no RAM or device" diagnostic naming both the
 * guest-physical and the guest-virtual address. A satp with a reserved mode is ignored. */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define PAGE 4096UL
#define PPN(pa) (((unsigned long)(pa) >> 12) << PTE_PPN_SHIFT)
#define RWAD (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define VA(n) (0xc0200000UL + (n) * PAGE)    /* l0[n]; 0xc0000000 is l1[0] */

static unsigned long root[512] __attribute__((aligned(PAGE)));
static unsigned long l1[512] __attribute__((aligned(PAGE)));
static unsigned long l0[512] __attribute__((aligned(PAGE)));
static unsigned char data[PAGE] __attribute__((aligned(PAGE)));

static void store64(unsigned long addr)
{
	*(volatile unsigned long *)addr = 0;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();

	unsigned long satp;
	__asm__ volatile("csrw satp, %1\n\tcsrr %0, satp" : "=r"(satp) : "r"(15UL << 60) : "memory");
	printf("hostile: satp with reserved mode 15 reads back 0x%lx\n", satp);

	root[2] = PPN(0x80000000UL) | RWAD | PTE_X;            /* the guest's RAM, identity, 1 GiB */
	root[3] = PPN(l1) | PTE_V;
	l1[0] = PPN(0x80001000UL) | RWAD;                      /* 2 MiB leaf, PPN[0] != 0 */
	l1[1] = PPN(l0) | PTE_V;
	l0[0] = PPN(data) | PTE_V | PTE_W | PTE_A | PTE_D;      /* W without R: reserved */
	l0[1] = PPN(data) | RWAD | (1UL << 54);                 /* reserved bits 60:54 */
	l0[2] = PPN(data) | RWAD | (1UL << 61);                 /* PBMT without Svpbmt */
	l0[3] = PPN(data) | RWAD | (1UL << 63);                 /* N without Svnapot */
	l0[4] = PPN(data) | PTE_V;                              /* a pointer at the last level */
	l0[5] = PPN(data) | PTE_V | PTE_X | PTE_A;              /* execute-only */
	l0[6] = PPN(data) | RWAD | PTE_U;                       /* U page, SUM = 0 */
	l0[7] = PPN(data) | PTE_V | PTE_R | PTE_A;              /* read-only */
	l0[8] = PPN(0x90000000UL) | RWAD;                       /* outside the VM's RAM */
	__asm__ volatile("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma"
			 : : "r"((SATP_MODE_SV39 << SATP_MODE_SHIFT) | ((unsigned long)root >> 12)) : "memory");
	printf("hostile: Sv39 on\n");

	hostile_try("misaligned superpage", hostile_load64, 0xc0000000UL);
	hostile_try("W without R", hostile_load64, VA(0));
	hostile_try("reserved bits", hostile_load64, VA(1));
	hostile_try("PBMT bits", hostile_load64, VA(2));
	hostile_try("N bit", hostile_load64, VA(3));
	hostile_try("pointer at level 0", hostile_load64, VA(4));
	hostile_try("load from execute-only", hostile_load64, VA(5));
	hostile_try("U page from S-mode", hostile_load64, VA(6));
	hostile_try("store to read-only", store64, VA(7));
	hostile_try("leaf outside RAM", hostile_load64, VA(8) + 8);
	hostile_done("pagetable_garbage");
}
