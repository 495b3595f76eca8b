"""test_timer_guests.py: guests that need the virtual timer, interrupts and their own page tables:
the preemptive multitask unikernel and the FP threads (with Sstc, where the guest's stimecmp is
vstimecmp, and without, where the hypervisor injects VSTIP through hvip), the macro-kernel with a
user process from the pflash payload (also the default VM), and the interrupt-driven UART echo."""
import re

import pytest

CPUS = [("rv64", "stimecmp (Sstc)"), ("rv64,sstc=false", "SBI set_timer")]
IDS = ["sstc", "no-sstc"]


def summary_count(output, cause):
    """The count of one cause in the exit summary (0 when the summary has no line for it)."""
    m = re.search(r"^\[vm0\]   %s\s+(\d+)" % re.escape(cause), output, re.M)
    return int(m.group(1)) if m else 0


@pytest.mark.parametrize("cpu,timer", CPUS, ids=IDS)
def test_multitask_is_preempted(boot, cpu, timer):
    b = boot(vm="multitask", cpu=cpu)
    b.expect_exact("multitask: timer via " + timer)
    b.expect_exact("worker2: nothing to do!")       # the consumer spins: only preemption helps
    ticks = int(b.expect(r"multitask: (\d+) timer interrupts").group(1))
    b.expect_exact("Multi-task(Preemptible) ok!")
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0
    host_ticks = summary_count(b.output(), "irq-s-timer")
    if cpu == "rv64":
        assert host_ticks == 0                      # vstimecmp interrupts the guest without an exit
    else:
        assert host_ticks >= ticks                  # each guest tick went through the hypervisor


@pytest.mark.parametrize("cpu,timer", CPUS, ids=IDS)
def test_fp_state_survives_preemption(boot, cpu, timer):
    b = boot(vm="fpthreads", cpu=cpu)
    b.expect_exact("fpthreads: timer via " + timer)
    b.expect_exact("fpthreads: all ok")
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0
    out = b.output()
    for thread in "AB":                             # each checked its FP registers bit for bit
        assert re.search(r"fpthreads: thread %s ok \(\d+ preemptions\)" % thread, out)


def expect_mkernel(b):
    b.expect_exact("mkernel: loaded the application from flash 0x22000000")
    b.expect_exact("hello from user space, pid 1")
    b.expect_exact("user app: all checks passed")
    m = b.expect(r"mkernel: (\d+) stack and (\d+) heap pages were demand-paged")
    assert int(m.group(1)) > 1 and int(m.group(2)) > 0
    b.expect_exact("monolithic kernel exit [0] normally!")
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0


@pytest.mark.parametrize("cpu", ["rv64", "rv64,sstc=false"], ids=IDS)
def test_mkernel_runs_a_user_process(boot, cpu):
    expect_mkernel(boot(vm="mkernel", cpu=cpu))


def test_mkernel_is_the_default_vm(boot):
    b = boot()
    b.expect_exact("[vm0] info: mkernel: ")
    expect_mkernel(b)


def test_uart_echoes_typed_line(boot):
    b = boot(vm="echo")
    b.expect_exact('type a line ("quit" ends)')
    b.send("hello from the host\r")
    b.expect_exact('echo: got line "hello from the host"')
    b.send("quit\r")
    interrupts = int(b.expect(r"echo: (\d+) external interrupts, bye").group(1))
    assert interrupts >= 2                          # the receive interrupt came through the PLIC
    b.expect_exact("[vm0] Shutdown vm normally!")
    assert b.wait_exit() == 0


def test_uart_output_is_prefixed_per_vm(boot):
    b = boot(vm="two_uarts")
    b.expect_exact("[hv] info: all VMs have stopped")
    assert b.wait_exit() == 0
    lines = b.output().splitlines()
    for vm in (0, 1):
        assert "[vm%d] dtbinfo: hello through the uart" % vm in lines
