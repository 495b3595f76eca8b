/* types.h: address types that say which address space a value lives in. */
#ifndef HV_BASE_TYPES_H
#define HV_BASE_TYPES_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint64_t hpa_t;   /* host-physical address (the hypervisor runs identity-mapped) */
typedef uint64_t gpa_t;   /* guest-physical address */
typedef uint64_t gva_t;   /* guest-virtual address */

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define ALIGN_UP(x, a)   (((x) + ((a) - 1)) & ~((uint64_t)(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((uint64_t)(a) - 1))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct mem_range {
	uint64_t base;
	uint64_t size;
};

#endif
