/* sbi_dbcn.c: SBI Debug Console calls whose buffer is not the guest's RAM: outside it, in a device,
 * straddling its end, wrapping past 2^64, above 2^64 (base_addr_hi), or of a huge length. SBI 2.0
 * answers each with SBI_ERR_INVALID_PARAM (-3) and moves no byte; the hypervisor must not touch
 * host memory for them. A zero-length call and a good buffer still work afterwards. */
#include <stdio.h>
#include "hostile/common/devices.h"
#include "hostile/common/hostile.h"

static const char msg[] = "hostile: dbcn good buffer\n";

static void dbcn(const char *what, unsigned long fid, unsigned long len, unsigned long lo, unsigned long hi)
{
	hostile_sbi(what, SBI_EXT_DBCN, fid, len, lo, hi, 0, 0);
}

int main(unsigned long hartid, unsigned long dtb)
{
	(void)hartid, (void)dtb;
	const unsigned long ram_end = HOSTILE_RAM_BASE + HOSTILE_RAM_SIZE;
	for (unsigned long fid = SBI_DBCN_WRITE; fid <= SBI_DBCN_READ; fid++) {
		const char *const *w = fid == SBI_DBCN_WRITE
			? (const char *const[]){ "write below ram", "write in uart", "write across ram end", "write wrapping",
						 "write above 2^64", "write huge", "write at ram end" }
			: (const char *const[]){ "read below ram", "read in uart", "read across ram end", "read wrapping",
						 "read above 2^64", "read huge", "read at ram end" };
		dbcn(w[0], fid, 16, 0x1000, 0);
		dbcn(w[1], fid, 4, HOSTILE_UART, 0);
		dbcn(w[2], fid, 32, ram_end - 16, 0);
		dbcn(w[3], fid, 0x100, -0x80UL, 0);
		dbcn(w[4], fid, 16, HOSTILE_RAM_BASE, 1);
		dbcn(w[5], fid, -1UL, HOSTILE_RAM_BASE, 0);
		dbcn(w[6], fid, 1, ram_end, 0);
	}
	dbcn("write 0 bytes at -1", SBI_DBCN_WRITE, 0, -1UL, -1UL);
	dbcn("write_byte 0x10a (only its low byte: a newline)", SBI_DBCN_WRITE_BYTE, 0x10a, 0, 0);
	dbcn("unknown fid 3", 3, 16, HOSTILE_RAM_BASE, 0);
	struct sbiret r = sbi_debug_console_write(msg, sizeof(msg) - 1);
	printf("hostile: good write: error %ld, %ld of %u bytes\n", r.error, r.value, (unsigned)sizeof(msg) - 1);
	hostile_done("sbi_dbcn");
}
