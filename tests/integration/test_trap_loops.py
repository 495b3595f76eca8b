"""test_trap_loops.py: guests that trap without progress are stopped with a diagnostic."""
import re


def test_trap_loops_are_stopped(boot):
    b = boot(vm="trap_loops")
    b.expect(r"\[vm0\] error: traploop: trap loop: \d+ exceptions in a row at the same pc without progress "
             r"\(vstvec=0x80200014\); exit illegal-instruction \(scause 0x2\) on vcpu 0 sepc=0x80200014 "
             r"stval=0xf1402573")
    b.expect(r"\[vm1\] error: nullvec: instruction fetch from guest-physical 0x0, which is not RAM; "
             r"exit fetch-guest-page-fault")
    b.expect_exact("[hv] info: all VMs have stopped")
    assert b.wait_exit() == 0
    out = b.output()
    # the loop is cut after a bounded number of repeats (64), not left to run until the timeout
    count = int(re.search(r"\[vm0\]   illegal-instruction\s+(\d+)", out).group(1))
    assert 64 <= count <= 70
    assert "unexpected trap in the hypervisor" not in out
