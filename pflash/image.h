/* image.h: the classic pflash image format: "pfld", bytes 00 00 00 01, the payload size as a
 * big-endian u32, four reserved bytes, then the payload at offset 16. Pure C.
 */
#ifndef PFLASH_IMAGE_H
#define PFLASH_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define PFLASH_IMAGE_HEADER_LEN 16u
#define PFLASH_IMAGE_SIZE       (32u * 1024u * 1024u) /* what QEMU virt requires of the file */

#define PFLASH_IMAGE_ESHORT    (-1) /* shorter than the header */
#define PFLASH_IMAGE_EMAGIC    (-2) /* not "pfld" */
#define PFLASH_IMAGE_EVERSION  (-3) /* not 00 00 00 01 */
#define PFLASH_IMAGE_ESIZE     (-4) /* payload size runs past the end of the image */

/* On success returns 0 and sets *payload (inside img) and *size. */
int pflash_image_parse(const uint8_t *img, size_t len, const uint8_t **payload, uint32_t *size);

#endif
