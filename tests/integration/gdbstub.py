"""gdbstub.py: a few packets of the GDB remote serial protocol, spoken to QEMU's gdb stub over TCP
(no gdb binary), with a hard timeout on every socket operation.

QEMU (system mode) names each vCPU as thread cpu_index + 1 (in hex) when the client does not ask
for multiprocess ids, answers `vCont;c:<tid>` by resuming only that vCPU, stops every vCPU when it
receives 0x03 (or any byte while the machine runs: so nothing but 0x03 is sent then), and on `D`
(detach, sent while stopped) resumes every vCPU.
"""
import socket
import time

OP_TIMEOUT = 10       # seconds for any one operation (connect, send, a reply)


class GdbStubError(Exception):
    pass


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def checksum(payload):
    return "%02x" % (sum(payload.encode()) & 0xff)


class GdbStub:
    """One connection to QEMU's gdb stub (QEMU takes one client at a time)."""

    def __init__(self, port, host="127.0.0.1", timeout=OP_TIMEOUT, alive=None):
        """Connects, retrying while QEMU has not started listening yet, for at most timeout seconds.
        alive: a callable that is False once QEMU has gone (then connecting stops at once)."""
        self.timeout = timeout
        self.buf = b""
        deadline = time.monotonic() + timeout
        while True:
            try:
                left = max(0.1, deadline - time.monotonic())
                self.sock = socket.create_connection((host, port), timeout=left)
                break
            except (ConnectionRefusedError, socket.timeout) as e:
                if alive is not None and not alive():
                    raise GdbStubError("QEMU exited before its gdb stub on port %d took a connection" % port)
                if time.monotonic() >= deadline:
                    raise GdbStubError("no gdb stub listens on %s:%d after %d s (%s)"
                                       % (host, port, timeout, e))
                time.sleep(0.05)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- bytes on the wire, each operation under its own deadline ----
    def _deadline(self, timeout):
        return time.monotonic() + (self.timeout if timeout is None else timeout)

    def _send_raw(self, data, timeout=None):
        self.sock.settimeout(self.timeout if timeout is None else timeout)
        try:
            self.sock.sendall(data)
        except socket.timeout:
            raise GdbStubError("sending %r to the gdb stub timed out" % data[:40])

    def _recv_some(self, deadline, waiting_for):
        left = deadline - time.monotonic()
        if left <= 0:
            raise GdbStubError("no %s from the gdb stub within the timeout" % waiting_for)
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(4096)
        except socket.timeout:
            raise GdbStubError("no %s from the gdb stub within the timeout" % waiting_for)
        if not data:
            raise GdbStubError("the gdb stub closed the connection while we waited for %s" % waiting_for)
        self.buf += data

    def _read_packet(self, deadline, what):
        """The next $payload#cs packet (acknowledged with +); acks and stray bytes before it are skipped."""
        while True:
            start = self.buf.find(b"$")
            if start >= 0:
                end = self.buf.find(b"#", start)
                if end >= 0 and len(self.buf) >= end + 3:
                    payload = self.buf[start + 1:end].decode(errors="replace")
                    cs = self.buf[end + 1:end + 3].decode(errors="replace")
                    self.buf = self.buf[end + 3:]
                    if cs.lower() != checksum(payload):
                        self._send_raw(b"-")
                        continue
                    self._send_raw(b"+")
                    return payload
            else:
                self.buf = b""      # only acks (+) so far
            self._recv_some(deadline, what)

    # ---- packets ----
    def send(self, payload, timeout=None):
        """Sends one packet and waits for QEMU's ack; for commands without an immediate reply (vCont)."""
        deadline = self._deadline(timeout)
        packet = ("$%s#%s" % (payload, checksum(payload))).encode()
        for _ in range(3):
            self._send_raw(packet, timeout)
            while True:
                i = next((i for i, c in enumerate(self.buf) if c in b"+-"), -1)
                if i >= 0:
                    ack = self.buf[i:i + 1]
                    self.buf = self.buf[i + 1:]
                    break
                self._recv_some(deadline, "ack of %r" % payload)
            if ack == b"+":
                return
        raise GdbStubError("the gdb stub refused %r three times" % payload)

    def command(self, payload, timeout=None):
        """Sends one packet and returns the reply's payload."""
        self.send(payload, timeout)
        return self._read_packet(self._deadline(timeout), "reply to %r" % payload)

    def interrupt(self, timeout=None):
        """Stops every vCPU (0x03); returns the stop reply, e.g. T02thread:01;"""
        self._send_raw(b"\x03", timeout)
        return self._read_packet(self._deadline(timeout), "stop reply after the interrupt")

    def detach(self, timeout=None):
        """Detaches; QEMU then resumes every vCPU."""
        reply = self.command("D", timeout)
        if reply != "OK":
            raise GdbStubError("detach answered %r" % reply)


def thread_id(cpu_index):
    """QEMU's thread id of a vCPU, as the protocol writes it."""
    return "%x" % (cpu_index + 1)


def force_boot_hart(port, hart, won, timeout=OP_TIMEOUT, alive=None):
    """Makes hart (a cpu index of a QEMU started with -S -gdb tcp::port) OpenSBI's boot hart.

    Only that hart is resumed; won() returns once it has won OpenSBI's lottery (e.g. when its
    banner names it) and must raise when it cannot. Then every hart is stopped and the stub
    detaches, which resumes them all: the others lose the lottery and wait in OpenSBI's warm boot
    (sbi_hsm_hart_wait). Returns the stop reply of the interrupt."""
    with GdbStub(port, timeout=timeout, alive=alive) as stub:
        stub.command("?")                               # the stop reason at reset: every vCPU is stopped
        tid = thread_id(hart)
        if stub.command("T" + tid) != "OK":
            raise GdbStubError("QEMU has no vCPU %d (thread %s)" % (hart, tid))
        stub.send("vCont;c:" + tid)                     # only this hart runs
        won()
        stop = stub.interrupt()
        stub.detach()                                   # every hart runs on
    return stop
