"""conftest.py: boots Hartvisor under QEMU through pexpect, with a hard deadline per boot.

Every boot records its whole console to build/test-logs/<test>.log; a failing test prints
the last 30 console lines; every QEMU is ended when its test ends, pass or fail.
"""
import os
import re
import sys
import time

import pexpect
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from qemu import qemu_command  # noqa: E402

LOG_DIR = os.path.join(ROOT, "build", "test-logs")
DEFAULT_TIMEOUT = 60


class Boot:
    """One QEMU run: its console through pexpect, its log file, and its deadline."""

    def __init__(self, log_path, timeout=DEFAULT_TIMEOUT, **qemu_kw):
        self.log_path = log_path
        qemu_kw.setdefault("snapshot", True)   # a test writes to its own copies, never build/*.img
        self.cmd = qemu_command(**qemu_kw)
        self.deadline = time.monotonic() + timeout
        self.log = open(log_path, "wb")
        self.log.write(("$ " + " ".join(self.cmd) + "\n").encode())
        self.child = pexpect.spawn(self.cmd[0], self.cmd[1:], cwd=ROOT, logfile=self.log,
                                   timeout=timeout, maxread=65536)

    def _left(self, timeout):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the boot's hard timeout ran out")
        return min(left, timeout) if timeout else left

    def expect(self, pattern, timeout=None):
        """Waits for a regex (or list of them) on the console; returns the match.
        pexpect matches as soon as it can: end a trailing (\\d+) with a terminator such as \\s."""
        self.child.expect(pattern, timeout=self._left(timeout))
        return self.child.match

    def expect_exact(self, text, timeout=None):
        self.child.expect_exact(text, timeout=self._left(timeout))
        return self.child.match

    def send(self, text):
        self.child.send(text)

    def wait_exit(self, timeout=None):
        """Waits until QEMU exits by itself; returns its exit status."""
        self.child.expect(pexpect.EOF, timeout=self._left(timeout))
        self.child.close()
        return self.child.exitstatus

    def output(self):
        """Everything the console printed so far (as recorded in the log)."""
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace").replace("\r", "")

    def close(self):
        if self.child.isalive():
            try:
                self.child.expect(pexpect.EOF, timeout=0.2)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
            self.child.terminate(force=True)
        self.child.close(force=True)
        self.log.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture
def boot(request):
    """boot(cpu=, smp=, mem=, trace=, vm=, disk=, pflash=, snapshot=, extra=[], timeout=60) starts
    QEMU and returns a Boot. disk and pflash default to build/disk.img and build/pflash.img (None:
    leave the device out), attached with snapshot=on unless snapshot=False."""
    os.makedirs(LOG_DIR, exist_ok=True)
    boots = []
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)

    def start(timeout=DEFAULT_TIMEOUT, **qemu_kw):
        suffix = "" if not boots else "-%d" % len(boots)
        b = Boot(os.path.join(LOG_DIR, name + suffix + ".log"), timeout, **qemu_kw)
        boots.append(b)
        return b

    yield start
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for b in boots:
        b.close()
        if failed:
            lines = b.output().splitlines()[-30:]
            sys.stderr.write("\n--- last %d console lines of %s ---\n" % (len(lines), b.log_path))
            sys.stderr.write("\n".join(lines) + "\n")
