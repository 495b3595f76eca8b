"""The hostile-guest suite: each guests/hostile/<case>.c runs in its own VM (configs/hostile.dts.in),
then simple_hv runs in the same boot to show the hypervisor is still healthy.
CASES (from the hostile_cases_*.py tables) maps a case to the lines its boot must print, in order: the guest's own "hostile: ..." lines
for attempts that came back to it (emulated or injected), or the hypervisor's diagnostic when the
VM was stopped."""
import re
import pytest

from hostile_cases_instructions import CASES as INSTRUCTION_CASES
from hostile_cases_sbi import CASES as SBI_CASES, TIMEOUTS

CASES = {**INSTRUCTION_CASES, **SBI_CASES}
assert len(CASES) == len(INSTRUCTION_CASES) + len(SBI_CASES), "a case is in two tables"


def hostile_boot(boot, case):
    return boot(vm="hostile-%s,simple_hv" % case, timeout=TIMEOUTS.get(case, 60))


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile(boot, case):
    b = hostile_boot(boot, case)
    for line in CASES[case]:
        if isinstance(line, re.Pattern):
            b.expect(line.pattern)   # the console is bytes: pexpect compiles the text itself
        else:
            b.expect_exact(line)
    # the hypervisor is still healthy: simple_hv, built after the hostile VM stopped, runs to the end
    b.expect_exact("[vm0] info: simple_hv: 16 MiB RAM")
    b.expect_exact("[vm0] a0 = 0x6688, a1 = 0x1234")
    b.expect_exact("[vm0] Shutdown vm normally!")
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    out = b.output()
    assert "panic" not in out.lower(), out


def test_every_hostile_guest_has_a_case():
    import glob, os
    guests = {os.path.basename(p)[:-2] for p in glob.glob("guests/hostile/*.c")}
    assert guests == set(CASES), "cases without a guest or guests without a case: %s" % (guests ^ set(CASES))
