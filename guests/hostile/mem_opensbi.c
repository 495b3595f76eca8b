/* mem_opensbi.c: attacks OpenSBI's region (host-physical 0x80000000..0x80200000) from inside a VM.
 * Expected: the same GPAs are the guest's own RAM (zeroed at creation, holding none of OpenSBI's
 * bytes), the guest may overwrite and even run code there, and the firmware is untouched: SBI calls
 * work and the machine later powers off through OpenSBI (asserted by the common test). */
#include <stdio.h>
#include "hostile/common/hostile.h"

#define FW_BASE 0x80000000UL
#define FW_SIZE 0x200000UL

/* "OpenSBI", XORed so that the string never sits in this guest's own RAM. */
#define KEY 0x33
static const char needle_x[] = { 'O' ^ KEY, 'p' ^ KEY, 'e' ^ KEY, 'n' ^ KEY, 'S' ^ KEY, 'B' ^ KEY, 'I' ^ KEY };

static unsigned long count_needle(void)
{
	const volatile unsigned char *ram = (const unsigned char *)HOSTILE_RAM_BASE;
	unsigned long found = 0;
	for (unsigned long i = 0; i + sizeof(needle_x) <= HOSTILE_RAM_SIZE; i++) {
		unsigned long j = 0;
		while (j < sizeof(needle_x) && (ram[i + j] ^ KEY) == (unsigned char)needle_x[j])
			j++;
		found += j == sizeof(needle_x);
	}
	return found;
}

static unsigned long nonzero_words(void)
{
	unsigned long n = 0;
	for (unsigned long a = FW_BASE; a < FW_BASE + FW_SIZE; a += 8)
		n += *(volatile unsigned long *)a != 0;
	return n;
}

static unsigned long scribble_and_check(void)
{
	unsigned long bad = 0;
	for (unsigned long a = FW_BASE; a < FW_BASE + FW_SIZE; a += 8)
		*(volatile unsigned long *)a = a ^ 0xdeadbeefcafef00dUL;
	for (unsigned long a = FW_BASE; a < FW_BASE + FW_SIZE; a += 8)
		bad += *(volatile unsigned long *)a != (a ^ 0xdeadbeefcafef00dUL);
	return bad;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	printf("hostile: nonzero words in 0x80000000..0x80200000: %lu\n", nonzero_words());
	printf("hostile: copies of \"Open\" \"SBI\" in the guest's RAM: %lu\n", count_needle());
	printf("hostile: scribbled 2 MiB over 0x80000000, words read back wrong: %lu\n", scribble_and_check());
	/* code placed where OpenSBI's entry is on the host: "li a0, 0x5a; ret" */
	volatile unsigned int *code = (volatile unsigned int *)FW_BASE;
	code[0] = 0x05a00513;
	code[1] = 0x00008067;
	__asm__ volatile("fence.i" ::: "memory");
	unsigned long (*fn)(void) = (unsigned long (*)(void))FW_BASE;
	printf("hostile: code at 0x80000000 returned 0x%lx\n", fn());
	printf("hostile: SBI spec version after the scribble: 0x%lx\n", (unsigned long)sbi_get_spec_version());
	hostile_done("mem_opensbi");
}
