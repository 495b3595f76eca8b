"""test_simple_hv.py: the simple_hv exercise and the VM-exit trace's exit lines."""
import re

EXIT_LINE = r"\[vm0/0\] exit (\d+) (\S+) sepc=0x([0-9a-f]+)"


def test_simple_hv_output_and_clean_exit(boot):
    b = boot(vm="simple_hv")
    b.expect(r"\[vm0/0\] exit 1 illegal-instruction sepc=0x80200000 .*csrrs a1,mhartid,zero -> emulated a1=0x1234")
    b.expect(r"\[vm0/0\] exit 2 load-guest-page-fault sepc=0x80200004 gpa=0x40 ld a0,64\(zero\) -> emulated a0=0x6688")
    b.expect(r"\[vm0/0\] exit 3 vs-ecall sepc=0x8020000c")
    b.expect_exact("a0 = 0x6688, a1 = 0x1234")
    b.expect_exact("Shutdown vm normally!")
    b.expect(r"exit summary for simple_hv: 3 exits")
    assert b.wait_exit() == 0
    out = b.output()
    assert len(re.findall(EXIT_LINE, out)) == 3
    assert "error" not in out


def test_trace_off_prints_no_exit_lines(boot):
    b = boot(vm="simple_hv", trace="off")
    b.expect_exact("a0 = 0x6688, a1 = 0x1234")
    assert b.wait_exit() == 0
    assert not re.search(EXIT_LINE, b.output())


def test_trace_exits_prints_three_exit_lines(boot):
    b = boot(vm="simple_hv", trace="exits")
    assert b.wait_exit() == 0
    causes = [m[1] for m in re.findall(EXIT_LINE, b.output())]
    assert causes == ["illegal-instruction", "load-guest-page-fault", "vs-ecall"]


def test_trace_full_adds_registers(boot):
    b = boot(vm="simple_hv", trace="full")
    assert b.wait_exit() == 0
    out = b.output()
    # after the load exit, a0 holds the device's value in the register dump
    assert re.search(r"a0\s*=0x0000000000006688", out)
