/* test_vm_stop.c: the VM stop protocol (hv/vm/vm_stop.c): a stopping VM asks each vCPU to stop,
 * no hart enters one of its vCPUs again, and it is never complete (so never destroyed) while a vCPU
 * of it is marked running.
 * unit-sources: hv/vm/vm_stop.c hv/vm/vcpu_request.c
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "vm/vm_stop.h"

static struct vm vm;

static void make_vm(int nvcpus)
{
	memset(&vm, 0, sizeof(vm));
	vm.state = VM_READY;
	vm.nvcpus = nvcpus;
	for (int i = 0; i < nvcpus; i++) {
		vm.vcpu[i].vm = &vm;
		vm.vcpu[i].id = i;
	}
}

/* What the scheduler does with a stopping VM: destroy it once the protocol allows. */
static bool destroy_if_complete(void)
{
	if (!vm_stop_complete(&vm))
		return false;
	for (int i = 0; i < vm.nvcpus; i++)
		assert_false(vm.vcpu[i].running);
	vm.state = VM_STOPPED;
	return true;
}

static void test_never_destroyed_while_a_vcpu_runs(void **state)
{
	(void)state;
	make_vm(3);
	assert_true(vcpu_begin_run(&vm.vcpu[0]));
	assert_true(vcpu_begin_run(&vm.vcpu[2]));
	assert_int_equal(vm.state, VM_RUNNING);
	vm_stop(&vm, VM_STOP_SHUTDOWN);           /* vCPU 0's own call, say */
	assert_int_equal(vm.state, VM_STOPPING);
	for (int i = 0; i < 3; i++)
		assert_true(vm.vcpu[i].req.pending & VCPU_REQ_STOP);
	assert_false(destroy_if_complete());
	vcpu_end_run(&vm.vcpu[0]);
	assert_false(destroy_if_complete());      /* vCPU 2 is still in its guest */
	vcpu_end_run(&vm.vcpu[2]);
	assert_true(destroy_if_complete());
}

static void test_no_vcpu_enters_a_stopping_vm(void **state)
{
	(void)state;
	make_vm(2);
	vm_stop(&vm, VM_STOP_ERROR);
	assert_false(vcpu_begin_run(&vm.vcpu[1]));
	assert_false(vm.vcpu[1].running);
	assert_true(vm_stop_complete(&vm));
	/* a VM not yet stopping is never complete, however idle */
	make_vm(1);
	assert_false(vm_stop_complete(&vm));
}

static void test_first_reason_sticks(void **state)
{
	(void)state;
	make_vm(1);
	vm_stop(&vm, VM_STOP_REBOOT);
	vm_stop(&vm, VM_STOP_ERROR);
	assert_int_equal(vm.stop_reason, VM_STOP_REBOOT);
	/* a reason the guest set before (its SBI call) is kept too */
	make_vm(1);
	vm.stop_reason = VM_STOP_SHUTDOWN;
	vm_stop(&vm, VM_STOP_ERROR);
	assert_int_equal(vm.stop_reason, VM_STOP_SHUTDOWN);
	/* stopping a destroyed VM does nothing */
	make_vm(1);
	vm.state = VM_STOPPED;
	vm_stop(&vm, VM_STOP_ERROR);
	assert_int_equal(vm.state, VM_STOPPED);
	assert_false(vm.vcpu[0].req.pending);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_never_destroyed_while_a_vcpu_runs),
		cmocka_unit_test(test_no_vcpu_enters_a_stopping_vm),
		cmocka_unit_test(test_first_reason_sticks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
