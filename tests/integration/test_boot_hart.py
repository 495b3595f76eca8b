"""test_boot_hart.py: the hypervisor runs on whichever hart OpenSBI's lottery makes the boot hart,
here forced to a high hart id: QEMU starts paused (-S) with a gdb stub, only the chosen hart is
resumed until OpenSBI names it as its boot hart, then every hart runs on (gdbstub.py).

With 128 harts QEMU runs 128 vCPU threads: on a host of a few cores the other harts can convoy on
OpenSBI's ticket lock in its warm boot (coldboot_lock) and starve the boot hart and QEMU's main loop
for tens of seconds (2 to 40 s seen on 2 cores; an unforced 128-hart boot takes 12 to 24 s). Hence
its budget, and no disk: the hypervisor gives a virtio-blk request 5 s, which a starved main loop
can miss, so that run boots the default VM embedded in the image."""
import pexpect
import pytest

from gdbstub import force_boot_hart, free_port
from images import DISK

WIN_TIMEOUT = 30      # seconds for the one running hart to win OpenSBI's lottery and be named


@pytest.mark.parametrize("smp,hart,disk,timeout", [(12, 9, DISK, 60), (128, 127, None, 150)],
                         ids=["smp12-hart9", "smp128-hart127-nodisk"])
def test_default_vm_runs_on_a_forced_boot_hart(boot, smp, hart, disk, timeout):
    port = free_port()
    b = boot(smp=smp, disk=disk, extra=["-S", "-gdb", "tcp:127.0.0.1:%d" % port], timeout=timeout)
    force_boot_hart(port, hart, lambda: b.expect(r"Boot HART ID\s+: %d\s" % hart, timeout=WIN_TIMEOUT),
                    alive=b.child.isalive)
    try:
        m = b.expect(r"harts\s+: (\d+) \(boot hart (\d+); ids([ 0-9]+)\)")
    except (pexpect.TIMEOUT, TimeoutError):
        pytest.fail("OpenSBI booted hart %d, but no hypervisor banner came within the test's %d s: "
                    "the hypervisor hangs on that hart" % (hart, timeout))
    assert (int(m.group(1)), int(m.group(2))) == (smp, hart)
    assert m.group(3).split() == [str(i).encode() for i in range(smp)]
    b.expect_exact("  vcpu harts: %d (the other %d stay parked)" % (hart, smp - 1))
    if disk is None:
        b.expect_exact("files: no disk; using the guests and descriptions embedded in the image")
    b.expect_exact("[vm0] Shutdown vm normally!")
    b.expect_exact("[hv] info: all VMs have stopped")
    assert b.wait_exit() == 0
