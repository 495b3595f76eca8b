"""test_selftest.py: the selftest guest's checks from inside, and a VM stopped for a bad access."""
import re


def test_selftest_all_passed(boot):
    b = boot(vm="selftest")
    m = b.expect(r"selftest: (\d+) passed, (\d+) failed")
    assert int(m.group(1)) >= 22
    assert int(m.group(2)) == 0, b.output()
    assert b.wait_exit() == 0


def test_unmapped_store_stops_the_vm_with_a_diagnostic(boot):
    b = boot(vm="selftest")
    b.expect_exact("selftest: now storing outside RAM")
    m = b.expect(r"\[vm0\] error: selftest: no RAM or device at guest-physical 0x90000000 "
                 r"\(guest-virtual 0x90000000\) for (s[bhwd] \w+,\d+\(\w+\)); "
                 r"exit store-guest-page-fault \(scause 0x17\) on vcpu 0 sepc=0x([0-9a-f]+) "
                 r"stval=0x90000000 htval=0x24000000")
    assert int(m.group(2), 16) >= 0x80200000
    b.expect_exact("[hv] info: all VMs have stopped")
    assert b.wait_exit() == 0
    assert "store outside RAM was not stopped" not in b.output()
    assert "unexpected trap in the hypervisor" not in b.output()


def test_other_vm_runs_on_after_one_is_stopped(boot):
    b = boot(vm="two_vms")
    assert b.wait_exit() == 0
    out = b.output()
    assert re.search(r"\[vm0\] error: selftest: no RAM or device at guest-physical 0x90000000", out)
    assert "[vm1] a0 = 0x6688, a1 = 0x1234" in out
    assert "[vm1] Shutdown vm normally!" in out
    assert "[hv] info: all VMs have stopped" in out
