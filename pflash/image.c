/* image.c: parses the header of a classic pflash image (see image.h). */
#include "image.h"

#include <string.h>

int pflash_image_parse(const uint8_t *img, size_t len, const uint8_t **payload, uint32_t *size)
{
	static const uint8_t version[4] = { 0, 0, 0, 1 };

	if (!img || len < PFLASH_IMAGE_HEADER_LEN)
		return PFLASH_IMAGE_ESHORT;
	if (memcmp(img, "pfld", 4) != 0)
		return PFLASH_IMAGE_EMAGIC;
	if (memcmp(img + 4, version, 4) != 0)
		return PFLASH_IMAGE_EVERSION;
	uint32_t n = (uint32_t)img[8] << 24 | (uint32_t)img[9] << 16 | (uint32_t)img[10] << 8 | img[11];
	if (n > len - PFLASH_IMAGE_HEADER_LEN)
		return PFLASH_IMAGE_ESIZE;
	if (payload)
		*payload = img + PFLASH_IMAGE_HEADER_LEN;
	if (size)
		*size = n;
	return 0;
}
