/* image.c: loads a Linux RISC-V "Image" (Documentation/riscv/boot-image-header.rst): a 64-byte header
 * with text_offset and image_size, placed at a 2 MiB-aligned RAM base + text_offset, entry at its start. */
#include <string.h>
#include "loader/formats.h"

#define IMAGE_HDR_SIZE     64
#define IMAGE_OFF_TEXT     8    /* u64 text_offset, little endian */
#define IMAGE_OFF_SIZE     16   /* u64 image_size, little endian */
#define IMAGE_OFF_MAGIC    48   /* u64 "RISCV\0\0\0" (deprecated since header version 0.2) */
#define IMAGE_OFF_MAGIC2   56   /* u32 "RSC\x05" */

static const uint8_t image_magic[8] = { 'R', 'I', 'S', 'C', 'V', 0, 0, 0 };
static const uint8_t image_magic2[4] = { 'R', 'S', 'C', 0x05 };

static uint64_t get_le64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

bool loader_image_match(const uint8_t *hdr, size_t n)
{
	if (n < IMAGE_HDR_SIZE)
		return false;
	return memcmp(hdr + IMAGE_OFF_MAGIC, image_magic, sizeof(image_magic)) == 0 ||
	       memcmp(hdr + IMAGE_OFF_MAGIC2, image_magic2, sizeof(image_magic2)) == 0;
}

int loader_image_load(const struct loader_ram *ram, loader_read_fn read, void *ctx, uint64_t file_size,
		      struct loader_result *out, char *err, size_t errlen)
{
	uint8_t hdr[IMAGE_HDR_SIZE];
	int rc = loader_read_exact(read, ctx, file_size, 0, hdr, sizeof(hdr), "kernel: Image header",
				   err, errlen);
	if (rc)
		return rc;
	uint64_t text_offset = get_le64(hdr + IMAGE_OFF_TEXT);
	uint64_t image_size = get_le64(hdr + IMAGE_OFF_SIZE);
	/* text_offset 0 comes from M-mode or pre-5.x kernels; an S-mode RV64 kernel uses 2 MiB. */
	if (text_offset == 0)
		text_offset = LOADER_IMAGE_ALIGN;
	if (text_offset % LOADER_IMAGE_ALIGN) {
		loader_errf(err, errlen, "kernel: Image text_offset 0x%llx is not a multiple of 2 MiB",
			    (unsigned long long)text_offset);
		return HV_EINVAL;
	}
	uint64_t mem_size = image_size > file_size ? image_size : file_size;
	uint64_t base = ALIGN_UP(ram->gpa_base, LOADER_IMAGE_ALIGN);
	uint64_t load = base + text_offset;
	if (base < ram->gpa_base || load < base) {
		loader_errf(err, errlen, "kernel: Image load address (RAM base 0x%llx + text_offset 0x%llx) "
			    "overflows", (unsigned long long)ram->gpa_base, (unsigned long long)text_offset);
		return HV_ERANGE;
	}
	rc = loader_check_fits(ram, load, mem_size, "kernel: Image", err, errlen);
	if (rc)
		return rc;
	uint8_t *dst = loader_host_ptr(ram, load);
	rc = loader_read_exact(read, ctx, file_size, 0, dst, file_size, "kernel: Image data", err, errlen);
	if (rc)
		return rc;
	memset(dst + file_size, 0, mem_size - file_size);
	out->entry = load;
	out->lo = load;
	out->hi = load + mem_size;
	out->format = "image";
	return HV_OK;
}
