"""test_debug.py: `make debug`'s gdb session, scripted: gdb-multiarch stops in exit_handle under QEMU
and the hv- commands print the vCPU, its exits and G-stage translations of simple_hv."""
import os
import re
import socket
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from qemu import qemu_command  # noqa: E402

LOG_DIR = os.path.join(ROOT, "build", "test-logs")
GDB = "gdb-multiarch"
HARD_TIMEOUT = 90          # seconds for the whole session: QEMU's boot and every gdb command
GUEST_LOAD = 0x80200000    # simple_hv's kernel-address

# break in the first exit, look around, go on to the third exit, let it finish, and end QEMU
GDB_COMMANDS = """\
break exit_handle
continue
hv-vcpu
hv-exits 3
hv-gpa 0x80200000
hv-gpa 0x80201234
hv-gpa 0x40
continue
continue
hv-exits 3
finish
hv-exits 3
kill
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    """True when some socket listens on the TCP port (read from /proc/net/tcp*, without connecting:
    a connection would be QEMU's one gdb client)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
                return True
    return False


def wait_listening(port, qemu, deadline):
    while not listening(port):
        if qemu.poll() is not None:
            raise AssertionError("QEMU exited (status %s) before its gdb stub listened" % qemu.returncode)
        if time.monotonic() > deadline:
            raise TimeoutError("QEMU's gdb stub did not listen on port %d" % port)
        time.sleep(0.1)


@pytest.fixture
def gdb_session(request):
    """gdb_session(commands) runs simple_hv under QEMU paused with a gdb stub, and gdb with those
    commands against it; returns (gdb output, QEMU console). QEMU is killed at the end whatever happened."""
    outputs = []
    yield lambda commands: run_session(request, commands, outputs)
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        for path, out in outputs:
            sys.stderr.write("--- gdb output (%s) ---\n%s\n" % (path, out))


def run_session(request, commands, outputs):
    os.makedirs(LOG_DIR, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    console_path = os.path.join(LOG_DIR, name + ".log")
    session_path = os.path.join(LOG_DIR, name + "-session.gdb")
    commands_path = os.path.join(LOG_DIR, name + "-commands.gdb")
    gdb_log_path = os.path.join(LOG_DIR, name + "-gdb.log")
    deadline = time.monotonic() + HARD_TIMEOUT
    port = free_port()
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gdb_session.py"), "--vm", "simple_hv",
                    "--port", str(port), "--out", session_path], check=True, timeout=30)
    with open(commands_path, "w") as f:
        f.write("source %s\n" % session_path + commands)
    cmd = qemu_command(vm="simple_hv", snapshot=True, extra=["-S", "-gdb", "tcp:127.0.0.1:%d" % port])
    with open(console_path, "wb") as console:
        console.write(("$ " + " ".join(cmd) + "\n").encode())
        console.flush()
        qemu = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=console,
                                stderr=subprocess.STDOUT)
    try:
        wait_listening(port, qemu, deadline)
        gdb = subprocess.run([GDB, "-batch", "-nx", "-x", commands_path], cwd=ROOT, capture_output=True,
                             text=True, timeout=max(1, deadline - time.monotonic()))
        out = gdb.stdout + gdb.stderr
        with open(gdb_log_path, "w") as f:
            f.write(out)
        outputs.append((gdb_log_path, out))
        qemu.wait(timeout=max(1, deadline - time.monotonic()))   # gdb's kill ends QEMU
    finally:
        if qemu.poll() is None:
            qemu.kill()
            qemu.wait()
    with open(console_path, "rb") as f:
        console_text = f.read().decode(errors="replace")
    return out, console_text


def test_gdb_stops_in_exit_handler_and_prints_vcpu_exits_and_gstage(gdb_session):
    out, console = gdb_session(GDB_COMMANDS)
    assert "Python Exception" not in out and "Error in sourced command file" not in out, out
    assert re.search(r"Breakpoint 1, exit_handle \(v=", out)

    # hv-vcpu: the VM by name, and sepc at the guest's first instruction, inside its RAM, with its symbol
    vcpu = re.search(r'vCPU 0 of VM 0 "simple_hv" at 0x[0-9a-f]+: state VCPU_RUNNABLE', out)
    assert vcpu, out
    ram = re.search(r"RAM +GPA (0x[0-9a-f]+)-(0x[0-9a-f]+) -> HPA (0x[0-9a-f]+)", out)
    sepc = re.search(r"sepc +(0x[0-9a-f]+) \(in guest RAM\) <_start in skernel.elf>", out)
    assert ram and sepc, out
    ram_base, ram_end, ram_hpa = (int(g, 16) for g in ram.groups())
    assert ram_base <= int(sepc[1], 16) < ram_end and int(sepc[1], 16) == GUEST_LOAD
    assert re.search(r"scause +0x0+2 illegal-instruction", out)

    # at the first exit nothing is recorded yet
    assert re.search(r'\(0 recorded, 0 held\):\n  \(exit 1, being handled now', out)

    # hv-gpa: the kernel's page is RAM (host address = RAM's host base + offset), RWX with U set
    walk = re.search(r"GPA 0x80200000 -> HPA (0x[0-9a-f]+) flags (\S+) \((\d+ [KMG]iB) leaf\)", out)
    assert walk, out
    assert int(walk[1], 16) == ram_hpa + (GUEST_LOAD - ram_base)
    assert walk[2] == "VRWXU-AD"
    inside = re.search(r"GPA 0x80201234 -> HPA (0x[0-9a-f]+) ", out)   # an address inside a leaf
    assert inside and int(inside[1], 16) == ram_hpa + (0x80201234 - ram_base), out
    assert "GPA 0x40 not mapped" in out   # the test device: MMIO, never mapped

    # hv-exits at the third exit (two recorded) and after it returned (three)
    cycles = r" \(\d+ cycles\)"
    first = r"exit 1 illegal-instruction sepc=0x80200000 .*-> emulated a1=0x1234" + cycles
    second = r"exit 2 load-guest-page-fault sepc=0x80200004 gpa=0x40 .*-> emulated a0=0x6688" + cycles
    third = r"exit 3 vs-ecall sepc=0x8020000c -> stopped" + cycles
    assert re.search(r"\(2 recorded, 2 held\):\n  %s\n  %s\n  \(exit 3, being handled now" % (first, second), out)
    assert re.search(r"\(3 recorded, 3 held\):\n  %s\n  %s\n  %s" % (first, second, third), out)

    # the console shows the same exits, and gdb's kill ended QEMU before the VM's own end
    assert "exit 1 illegal-instruction sepc=0x80200000" in console
    assert "all VMs have stopped" not in console


def test_hv_commands_refuse_while_the_hart_runs_the_guest(gdb_session):
    # past the boot, a breakpoint at a guest address stops in the guest (V=1), where gdb's reads
    # are guest-physical: the commands must say so, not print the guest's memory as a vCPU
    out, _ = gdb_session("break exit_handle\ncontinue\ndelete\nbreak *0x80200008\ncontinue\n"
                         "print/x $pc\nx/i $pc\nhv-vcpu\nkill\n")
    assert re.search(r"\$1 = 0x80200008\n.*li\s+a7,8", out), out   # the guest's code, not the hypervisor's
    assert "the hypervisor's memory is not visible here: the hart runs the guest (V=1)" in out


@pytest.mark.parametrize("args, elf, offset", [
    (["--vm", "simple_hv"], "build/guests/skernel.elf", 0),
    (["--vm", "hostile-mcsr"], "build/guests/hostile-mcsr.elf", 0),
    (["--kernel", "build/guests/echo.bin"], "build/guests/echo.elf", 0),
    (["--kernel", "build/guests/skernel.elf"], "build/guests/skernel.elf", 0),
])
def test_session_script_adds_the_guest_symbols(tmp_path, args, elf, offset):
    out = tmp_path / "session.gdb"
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gdb_session.py"), "--port", "4321",
                    "--out", str(out)] + args, cwd=ROOT, check=True, timeout=30)
    script = out.read_text()
    assert "add-symbol-file %s -o %#x\n" % (os.path.join(ROOT, elf), offset) in script
    assert "source %s\n" % os.path.join(ROOT, "tools", "gdbinit") in script
    assert script.rstrip().splitlines()[-2] == "target remote localhost:4321"


def test_session_script_without_a_guest_elf_warns(tmp_path):
    out = tmp_path / "session.gdb"
    r = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gdb_session.py"), "--vm", "loadbench",
                        "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0
    assert "no guest symbols" in r.stderr
    assert "add-symbol-file" not in out.read_text()
