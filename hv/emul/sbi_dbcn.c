/* sbi_dbcn.c: the SBI Debug Console extension (DBCN): console write/read through guest-physical buffers. */
#include "emul/sbi.h"

/* The guest buffer (num_bytes a0, base_addr_lo a1, base_addr_hi a2) as a host pointer, or NULL when
 * it is not wholly inside the VM's RAM. RV64: a guest-physical address fits in base_addr_lo, so a
 * non-zero base_addr_hi names memory beyond 2^64, which the VM cannot have. */
static void *sbi_dbcn_buffer(const struct vm *vm, const unsigned long *args)
{
	gpa_t gpa = args[1];

	if (args[2] != 0 || !vm_gpa_in_ram(vm, gpa, args[0]))
		return NULL;
	return vm_gpa_to_host(vm, gpa);
}

static long sbi_dbcn_read(struct vm *vm, char *buf, unsigned long len)
{
	unsigned long n = 0;

	for (int c; n < len && (c = sbi_host_console_getchar(vm)) >= 0; n++)
		buf[n] = (char)c;
	return (long)n;
}

static enum sbi_outcome sbi_dbcn_transfer(struct vm *vm, unsigned long fid, const unsigned long *args,
					  struct sbiret *ret)
{
	char *buf;

	if (args[0] == 0)
		return SBI_RESUME;   /* nothing to move: 0 bytes, whatever the address */
	buf = sbi_dbcn_buffer(vm, args);
	if (!buf)
		return sbi_fail(ret, SBI_ERR_INVALID_PARAM);
	if (fid == SBI_DBCN_WRITE) {
		sbi_host_console_write(vm, buf, args[0]);
		ret->value = (long)args[0];
	} else {
		ret->value = sbi_dbcn_read(vm, buf, args[0]);
	}
	return SBI_RESUME;
}

static enum sbi_outcome sbi_dbcn_handle(struct vcpu *v, unsigned long eid, unsigned long fid,
					const unsigned long *args, struct sbiret *ret)
{
	(void)eid;
	switch (fid) {
	case SBI_DBCN_WRITE:
	case SBI_DBCN_READ:
		return sbi_dbcn_transfer(v->vm, fid, args, ret);
	case SBI_DBCN_WRITE_BYTE: {
		char byte = (char)(args[0] & 0xff);
		sbi_host_console_write(v->vm, &byte, 1);
		return SBI_RESUME;
	}
	default:
		return sbi_fail(ret, SBI_ERR_NOT_SUPPORTED);
	}
}

const struct sbi_extension sbi_ext_dbcn = {
	.eid_start = SBI_EXT_DBCN,
	.eid_end = SBI_EXT_DBCN,
	.name = "dbcn",
	.handle = sbi_dbcn_handle,
	.legacy = false,
};
