/* mem_hv_image.c: looks for the hypervisor's own image from inside a VM. Expected: GPA 0x80200000
 * (where the host keeps the hypervisor) holds the guest's own kernel, none of the guest's 16 MiB
 * shows a byte of the hypervisor, and a store to host RAM past the guest's (where the hypervisor
 * keeps its pages and other VMs) stops the VM with the hypervisor's "no RAM or device" diagnostic. */
#include <stdio.h>
#include <string.h>
#include "hostile/common/hostile.h"

extern char _start[];

/* A string from the hypervisor's image, XORed so that it never sits in this guest's own RAM. */
#define KEY 0x5a
static const char needle_x[] = {
	'u' ^ KEY, 'n' ^ KEY, 'e' ^ KEY, 'x' ^ KEY, 'p' ^ KEY, 'e' ^ KEY, 'c' ^ KEY, 't' ^ KEY, 'e' ^ KEY,
	'd' ^ KEY, ' ' ^ KEY, 't' ^ KEY, 'r' ^ KEY, 'a' ^ KEY, 'p' ^ KEY, ' ' ^ KEY, 'i' ^ KEY, 'n' ^ KEY,
	' ' ^ KEY, 't' ^ KEY, 'h' ^ KEY, 'e' ^ KEY, ' ' ^ KEY, 'h' ^ KEY, 'y' ^ KEY, 'p' ^ KEY, 'e' ^ KEY,
	'r' ^ KEY, 'v' ^ KEY, 'i' ^ KEY, 's' ^ KEY, 'o' ^ KEY, 'r' ^ KEY,
};

static unsigned long count_needle(void)
{
	const volatile unsigned char *ram = (const unsigned char *)HOSTILE_RAM_BASE;
	unsigned long found = 0;
	for (unsigned long i = 0; i + sizeof(needle_x) <= HOSTILE_RAM_SIZE; i++) {
		if ((ram[i] ^ KEY) != (unsigned char)needle_x[0])
			continue;
		unsigned long j = 1;
		while (j < sizeof(needle_x) && (ram[i + j] ^ KEY) == (unsigned char)needle_x[j])
			j++;
		found += j == sizeof(needle_x);
	}
	return found;
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	hostile_catch_exceptions();
	/* the guest's own first instruction, read through GPA 0x80200000 */
	unsigned int at_image = *(volatile unsigned int *)0x80200000UL;
	printf("hostile: 0x80200000 holds %s\n",
	       (unsigned long)_start == 0x80200000UL && at_image == *(volatile unsigned int *)_start ?
	       "this guest's own kernel" : "something else");
	printf("hostile: copies of a hypervisor string in the guest's RAM: %lu\n", count_needle());
	/* host RAM is 256 MiB from 0x80000000; the guest's ends at 0x81000000 */
	hostile_store64(0x8ff00000UL);
	printf("hostile: store to 0x8ff00000 came back\n");
	hostile_done("mem_hv_image");
}
