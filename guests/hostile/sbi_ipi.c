/* sbi_ipi.c: SBI IPI and the legacy send_ipi with hostile hart masks in a 2-vCPU VM. A mask naming
 * a hart the VM lacks is INVALID_PARAM (-3) and raises nothing; base -1 means every hart; an empty
 * mask succeeds and raises nothing. The legacy call reads its mask through a guest pointer: one that
 * is not readable RAM (outside RAM, in a device, misaligned) is INVALID_ADDRESS (-5), with the
 * hypervisor intact. Whether the IPI came is read from sip.SSIP (interrupts stay masked). */
#include <stdio.h>
#include "hostile/common/devices.h"
#include "hostile/common/hostile.h"

static unsigned long sip_ssip_take(void)
{
	unsigned long sip;
	__asm__ volatile("csrr %0, sip" : "=r"(sip));
	__asm__ volatile("csrc sip, %0" : : "r"(MIP_SSIP));
	return (sip & MIP_SSIP) != 0;
}

static void ipi(const char *what, unsigned long fid, unsigned long mask, unsigned long base)
{
	struct sbiret r = sbi_call(SBI_EXT_IPI, fid, mask, base, 0, 0, 0, 0);
	printf("hostile: %s: error %ld, ssip %lu\n", what, r.error, sip_ssip_take());
}

static void legacy_ipi(const char *what, unsigned long mask_ptr)
{
	struct sbiret r = sbi_call(SBI_LEGACY_SEND_IPI, 0, mask_ptr, 0, 0, 0, 0, 0);
	printf("hostile: %s: a0 %ld, ssip %lu\n", what, r.error, sip_ssip_take());
}

static unsigned long self_mask[2] = { 1, 1 };

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	sip_ssip_take();
	ipi("hart 2", SBI_IPI_SEND, 1UL << 2, 0);
	ipi("mask ~0", SBI_IPI_SEND, ~0UL, 0);
	ipi("base 1000", SBI_IPI_SEND, 1, 1000);
	ipi("base 64", SBI_IPI_SEND, 1, 64);
	ipi("base 2", SBI_IPI_SEND, 1, 2);
	ipi("mask 0 base 1000", SBI_IPI_SEND, 0, 1000);
	ipi("self", SBI_IPI_SEND, 1, 0);
	ipi("all (base -1, junk mask)", SBI_IPI_SEND, 0xdead, -1UL);
	ipi("unknown fid 1", 1, 1, 0);
	legacy_ipi("legacy mask at 0x1000", 0x1000);
	legacy_ipi("legacy mask in the uart", HOSTILE_UART);
	legacy_ipi("legacy mask past ram end", HOSTILE_RAM_BASE + HOSTILE_RAM_SIZE);
	legacy_ipi("legacy mask misaligned", (unsigned long)self_mask + 1);
	legacy_ipi("legacy mask self", (unsigned long)self_mask);
	hostile_done("sbi_ipi");
}
