/* elf.c: loads a little-endian RISC-V ELF64 executable by its PT_LOAD segments' physical addresses,
 * checking every header field against the file and every segment against guest RAM. */
#include <stdio.h>
#include <string.h>
#include "loader/formats.h"

/* Minimal ELF64 definitions (System V gABI), independent of any libc <elf.h>. */
#define ELF_EI_NIDENT   16
#define ELF_EI_CLASS    4
#define ELF_EI_DATA     5
#define ELF_CLASS64     2
#define ELF_DATA2LSB    1
#define ELF_ET_EXEC     2
#define ELF_EM_RISCV    243
#define ELF_PT_LOAD     1
#define ELF_MAX_PHNUM   64

struct elf64_ehdr {
	uint8_t  e_ident[ELF_EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header is 56 bytes");
/* Fields are copied as stored: both the host (tests) and the hypervisor are little-endian. */

static const uint8_t elf_magic[4] = { 0x7f, 'E', 'L', 'F' };

bool loader_elf_match(const uint8_t *hdr, size_t n)
{
	return n >= sizeof(elf_magic) && memcmp(hdr, elf_magic, sizeof(elf_magic)) == 0;
}

static int check_ehdr(const struct elf64_ehdr *eh, uint64_t file_size, char *err, size_t errlen)
{
	if (eh->e_ident[ELF_EI_CLASS] != ELF_CLASS64) {
		loader_errf(err, errlen, "kernel: ELF class %u is not ELFCLASS64", eh->e_ident[ELF_EI_CLASS]);
		return HV_ENOTSUP;
	}
	if (eh->e_ident[ELF_EI_DATA] != ELF_DATA2LSB) {
		loader_errf(err, errlen, "kernel: ELF data encoding %u is not little-endian",
			    eh->e_ident[ELF_EI_DATA]);
		return HV_ENOTSUP;
	}
	if (eh->e_machine != ELF_EM_RISCV) {
		loader_errf(err, errlen, "kernel: ELF machine %u is not RISC-V (243)", eh->e_machine);
		return HV_ENOTSUP;
	}
	if (eh->e_type != ELF_ET_EXEC) {
		loader_errf(err, errlen, "kernel: ELF type %u is not an executable (ET_EXEC)", eh->e_type);
		return HV_ENOTSUP;
	}
	if (eh->e_phentsize != sizeof(struct elf64_phdr)) {
		loader_errf(err, errlen, "kernel: ELF program header size %u, expected %zu",
			    eh->e_phentsize, sizeof(struct elf64_phdr));
		return HV_ECORRUPT;
	}
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM) {
		loader_errf(err, errlen, "kernel: ELF has %u program headers (allowed 1..%d)",
			    eh->e_phnum, ELF_MAX_PHNUM);
		return HV_ECORRUPT;
	}
	uint64_t ph_len = (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);
	if (eh->e_phoff > file_size || ph_len > file_size - eh->e_phoff) {
		loader_errf(err, errlen, "kernel: truncated ELF: program header table past the end of the "
			    "file (size %llu)", (unsigned long long)file_size);
		return HV_ECORRUPT;
	}
	return HV_OK;
}

/* Checks one PT_LOAD against the file and RAM (no copying yet). */
static int check_load(const struct loader_ram *ram, const struct elf64_phdr *ph, unsigned i,
		      uint64_t file_size, char *err, size_t errlen)
{
	if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset) {
		loader_errf(err, errlen, "kernel: truncated ELF: segment %u data (0x%llx+0x%llx) past the "
			    "end of the file (size %llu)", i, (unsigned long long)ph->p_offset,
			    (unsigned long long)ph->p_filesz, (unsigned long long)file_size);
		return HV_ECORRUPT;
	}
	if (ph->p_filesz > ph->p_memsz) {
		loader_errf(err, errlen, "kernel: ELF segment %u file size 0x%llx exceeds its memory size "
			    "0x%llx", i, (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
		return HV_ECORRUPT;
	}
	char what[40];
	snprintf(what, sizeof(what), "kernel: ELF segment %u", i);
	return loader_check_fits(ram, ph->p_paddr, ph->p_memsz, what, err, errlen);
}

static int read_phdr(loader_read_fn read, void *ctx, uint64_t file_size, const struct elf64_ehdr *eh,
		     unsigned i, struct elf64_phdr *ph, char *err, size_t errlen)
{
	return loader_read_exact(read, ctx, file_size, eh->e_phoff + (uint64_t)i * sizeof(*ph), ph,
				 sizeof(*ph), "kernel: ELF program header", err, errlen);
}

int loader_elf_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		    struct loader_result *out, char *err, size_t errlen)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph;   /* read one at a time: the hypervisor's stacks are small */
	if (file_size < sizeof(eh)) {
		loader_errf(err, errlen, "kernel: truncated ELF: header past the end of the file (size %llu)",
			    (unsigned long long)file_size);
		return HV_ECORRUPT;
	}
	int rc = loader_read_exact(read, ctx, file_size, 0, &eh, sizeof(eh), "kernel: ELF header",
				   err, errlen);
	if (rc || (rc = check_ehdr(&eh, file_size, err, errlen)))
		return rc;

	/* Validate everything (and find the entry) before writing a byte of guest RAM. */
	uint64_t lo = UINT64_MAX, hi = 0, entry = 0;
	bool have_load = false, have_entry = false;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if ((rc = read_phdr(read, ctx, file_size, &eh, i, &ph, err, errlen)))
			return rc;
		if (ph.p_type != ELF_PT_LOAD)
			continue;
		if ((rc = check_load(ram, &ph, i, file_size, err, errlen)))
			return rc;
		if (ph.p_memsz == 0)
			continue;
		have_load = true;
		if (ph.p_paddr < lo)
			lo = ph.p_paddr;
		if (ph.p_paddr + ph.p_memsz > hi)
			hi = ph.p_paddr + ph.p_memsz;
		/* e_entry is virtual; translate it through the segment that holds it. */
		if (!have_entry && eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_memsz) {
			entry = ph.p_paddr + (eh.e_entry - ph.p_vaddr);
			have_entry = true;
		}
	}
	if (!have_load) {
		loader_errf(err, errlen, "kernel: ELF has no loadable (PT_LOAD) segment");
		return HV_EINVAL;
	}
	if (!have_entry) {
		loader_errf(err, errlen, "kernel: ELF entry 0x%llx is not inside any loaded segment",
			    (unsigned long long)eh.e_entry);
		return HV_EINVAL;
	}

	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if ((rc = read_phdr(read, ctx, file_size, &eh, i, &ph, err, errlen)))
			return rc;
		if (ph.p_type != ELF_PT_LOAD || ph.p_memsz == 0)
			continue;
		if ((rc = check_load(ram, &ph, i, file_size, err, errlen)))   /* the read is not trusted twice */
			return rc;
		uint8_t *dst = loader_host_ptr(ram, ph.p_paddr);
		rc = loader_read_exact(read, ctx, file_size, ph.p_offset, dst, ph.p_filesz,
				       "kernel: ELF segment data", err, errlen);
		if (rc)
			return rc;
		memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
	}
	out->entry = entry;
	out->lo = lo;
	out->hi = hi;
	out->format = "elf";
	return HV_OK;
}
