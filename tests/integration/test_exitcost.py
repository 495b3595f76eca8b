"""test_exitcost.py: the exit-cost guest: the hypervisor's fast SBI path answers as the SBI server
does and keeps the guest's registers (trace off and summary), and every measurement is printed."""
import pytest


@pytest.mark.parametrize("trace", ["off", "summary"])
def test_exitcost_runs_and_fast_path_is_right(boot, trace):
    b = boot(vm="exitcost", trace=trace)
    b.expect_exact("exitcost: fast-path checks passed")
    b.expect(r"exitcost: measure null-sbi-call \d+ ticks per 1000 calls")
    b.expect(r"exitcost: measure uart-lsr-load \d+ ticks per 1000 loads")
    assert b.wait_exit() == 0
