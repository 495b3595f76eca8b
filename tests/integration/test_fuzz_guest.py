"""test_fuzz_guest.py: the fuzz guest with three fixed seeds: 10^6 random instruction words in VS- and
VU-mode must end with every word done, a normal shutdown and the machine powered off, with no
hypervisor error; a seed replays the same run; guest.seed=N on the hypervisor's command line reaches
the guest's bootargs."""
import re

import pytest

SEEDS = [0x1, 0x5eed, 0xdeadbeef]
RUN_TIMEOUT = 120          # a hard limit per QEMU run; a run takes ~30 s on QEMU 7.2
FINAL = re.compile(r"fuzz: (\d+) instructions \(VS (\d+), VU (\d+)\) in \d+\+\d+ blocks, traps:([^\n]*); "
                   r"sbi \d+, cut short \d+, escaped (\d+), suspect (\d+), done\r*\n")
HV_ERROR = re.compile(r"^\[(hv|vm0)\] error:|panic|unexpected trap in the hypervisor|trap loop", re.M)


def fuzz_run(boot, seed, words=None, timeout=RUN_TIMEOUT):
    """Boots the fuzz guest; returns (VS words, VU words, the trap-count text) after a clean end."""
    args = ["seed=%#x" % seed] + (["words=%d" % words] if words else [])
    b = boot(vm="fuzz", guest_args=args, timeout=timeout)
    b.expect_exact("fuzz: seed %#x (replay: make run VM=fuzz SEED=%#x)" % (seed, seed))
    m = b.expect(FINAL.pattern)   # the console is bytes: pexpect compiles the text itself
    total, vs, vu = int(m.group(1)), int(m.group(2)), int(m.group(3))
    assert vs + vu == total
    assert int(m.group(5)) == 0, "a trap came from outside the block"
    assert int(m.group(6)) == 0, "the guest saw a trap the hypervisor got wrong (stval or sstatus.SPP)"
    b.expect_exact("[vm0] Shutdown vm normally!")
    b.expect_exact("[hv] info: nothing left to run; powering off")
    assert b.wait_exit() == 0
    out = b.output()
    assert not HV_ERROR.search(out), out[-3000:]
    return vs, vu, m.group(4).decode()


@pytest.mark.parametrize("seed", SEEDS, ids=["seed-%#x" % s for s in SEEDS])
def test_fuzz_guest_survives_seed(boot, seed):
    vs, vu, traps = fuzz_run(boot, seed)
    assert (vs, vu) == (500000, 500000)
    assert "illegal-instruction" in traps


def test_fuzz_seed_replays(boot):
    """Two runs of one seed (fewer words, to stay cheap) see the very same traps."""
    first = fuzz_run(boot, 0x7, words=40000, timeout=60)
    assert first[:2] == (20000, 20000)
    assert fuzz_run(boot, 0x7, words=40000, timeout=60) == first


def test_guest_args_reach_bootargs(boot):
    """The seed comes from the command line, not the description's default (seed=1)."""
    b = boot(vm="fuzz", guest_args=["seed=0x2a"], timeout=60)
    b.expect_exact("fuzz: seed 0x2a (replay: make run VM=fuzz SEED=0x2a)")
