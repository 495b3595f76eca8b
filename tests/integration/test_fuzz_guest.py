"""test_fuzz_guest.py: the fuzz guest with three fixed seeds: 10^6 random instruction words in VS- and
VU-mode must end with every word done, a normal shutdown and the machine powered off, with no
hypervisor error; and guest.seed=N on the hypervisor's command line reaches the guest's bootargs."""
import re

import pytest

SEEDS = [0x1, 0x5eed, 0xdeadbeef]
RUN_TIMEOUT = 240          # a hard limit per QEMU run (see the report: a run is not yet fast enough)
FINAL = re.compile(r"fuzz: (\d+) instructions \(VS (\d+), VU (\d+)\), traps:(.*); watchdog (\d+), "
                   r"suspect (\d+), done\r?\n")


@pytest.mark.parametrize("seed", SEEDS, ids=["seed-%#x" % s for s in SEEDS])
def test_fuzz_guest_survives_seed(boot, seed):
    b = boot(vm="fuzz", guest_args=["seed=%#x" % seed], timeout=RUN_TIMEOUT)
    b.expect_exact("fuzz: seed %#x (replay: make run VM=fuzz SEED=%#x)" % (seed, seed))
    m = b.expect(FINAL)
    total, vs, vu = int(m.group(1)), int(m.group(2)), int(m.group(3))
    assert (total, vs, vu) == (1000000, 500000, 500000)
    assert int(m.group(5)) == 0, "a word ran for 1 s without trapping"
    assert int(m.group(6)) == 0, "the guest saw a trap the hypervisor got wrong"
    b.expect_exact("[vm0] Shutdown vm normally!")
    b.expect_exact("[hv] info: all VMs have stopped")
    assert b.wait_exit() == 0
    out = b.output()
    assert not re.search(r"^\[(hv|vm0)\] error:|panic|unexpected trap in the hypervisor", out, re.M)


def test_guest_args_reach_bootargs(boot):
    """The seed comes from the command line, not the description's default (seed=1)."""
    b = boot(vm="fuzz", guest_args=["seed=0x2a"], timeout=60)
    b.expect_exact("fuzz: seed 0x2a (replay: make run VM=fuzz SEED=0x2a)")
