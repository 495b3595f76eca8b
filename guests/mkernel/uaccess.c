/* uaccess.c: the kernel's access to user memory. A user pointer is checked page by page against
 * the page table (mapped, U=1, readable or writable as needed; pages the process may demand are
 * mapped first), and only then copied with sstatus.SUM set for the length of the copy. */
#include <string.h>
#include "lib/csr.h"
#include "kernel.h"

int uaccess_check(uint64_t uva, size_t len, bool write)
{
	if (len == 0)
		return 0;
	if (uva >= USER_STACK_TOP || len > USER_STACK_TOP - uva)
		return -EFAULT;
	unsigned long need = PTE_U | (write ? PTE_W : PTE_R);
	for (uint64_t va = ALIGN_DOWN(uva, PAGE_SIZE); va < uva + len; va += PAGE_SIZE) {
		uint64_t *pte = mm_lookup(va);
		if (pte == NULL) {
			int err = vm_handle_fault(va, write ? CAUSE_STORE_PAGE_FAULT : CAUSE_LOAD_PAGE_FAULT);
			if (err)
				return -EFAULT;
			pte = mm_lookup(va);
		}
		if (pte == NULL || (*pte & need) != need)
			return -EFAULT;
	}
	return 0;
}

int copy_from_user(void *dst, uint64_t uva, size_t len)
{
	int err = uaccess_check(uva, len, false);
	if (err)
		return err;
	csr_set(CSR_SSTATUS, SSTATUS_SUM);
	memcpy(dst, (const void *)(uintptr_t)uva, len);
	csr_clear(CSR_SSTATUS, SSTATUS_SUM);
	return 0;
}

int copy_to_user(uint64_t uva, const void *src, size_t len)
{
	int err = uaccess_check(uva, len, true);
	if (err)
		return err;
	csr_set(CSR_SSTATUS, SSTATUS_SUM);
	memcpy((void *)(uintptr_t)uva, src, len);
	csr_clear(CSR_SSTATUS, SSTATUS_SUM);
	return 0;
}
