"""test_bench.py: a smoke run of make bench (BENCH_QUICK=1, few iterations): every expected figure
appears once as "BENCH <name> <value> <unit>" with a positive finite value in a plausible range,
and build/bench/results.json parses and says the same. Never a timing pass/fail: the ranges only
catch figures that are missing, zero, non-numeric or absurd (a unit or parsing mistake).
Also: tests/bench/profile.py's per-function count of one exit agrees with the guest's own figure."""
import json
import math
import os
import re
import subprocess

import pytest

from images import ROOT

# name: (unit, low, high): orders of magnitude, not targets
EXPECTED = {
    "hv-bin-size": ("KiB", 8, 4096),
    "hv-ram-image": ("KiB", 8, 65536),
    "hv-ram-per-vm": ("KiB", 4, 65536),
    "hv-ram-per-vm-flash": ("KiB", 32768, 131072),      # includes the 32 MiB flash copy
    "exit-null-sbi": ("insn", 10, 100000),
    "exit-dbcn-byte": ("insn", 10, 100000),
    "exit-mmio-lsr": ("insn", 10, 100000),
    "exit-pflash-read": ("insn", 10, 100000),
    "exit-csr-emulate": ("insn", 10, 100000),
    "exit-timer-hvip": ("insn", 10, 1000000),
    "native-null-sbi": ("insn", 10, 100000),
    "compute-ratio": ("ratio", 0.1, 10),
    "walk-ratio": ("ratio", 0.1, 10),
    "mkernel-map-insn": ("insn/iter", 10, 10000000),
    "mkernel-map-ratio": ("ratio", 0.1, 10),
    "compute-ratio-wall": ("ratio", 0.01, 100),
    "walk-ratio-wall": ("ratio", 0.01, 100),
    "mkernel-map-ratio-wall": ("ratio", 0.01, 100),
    "load-mibps": ("MiB/s", 0.1, 1000000),
    "load-mibps-wall": ("MiB/s", 0.1, 1000000),
    "first-line-ms": ("ms", 1, 120000),
    "first-line-ms-noicount": ("ms", 1, 120000),
}
LINE = re.compile(r"^BENCH (\S+) (\S+) (\S+)$", re.M)


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    out_dir = str(tmp_path_factory.mktemp("bench"))     # a full run's build/bench stays as it is
    env = dict(os.environ, BENCH_QUICK="1", BENCH_OUT=out_dir)
    results = os.path.join(out_dir, "results.json")
    # run.py bounds each QEMU run itself; this bounds the whole smoke run
    r = subprocess.run(["timeout", "600", "/usr/bin/python3", os.path.join(ROOT, "tests", "bench", "run.py")],
                       cwd=ROOT, env=env, capture_output=True)
    out = r.stdout.decode(errors="replace")
    return r.returncode, out, results


def test_bench_exits_cleanly(bench_run):
    rc, out, _ = bench_run
    assert rc == 0, out[-3000:]
    assert "BENCH-ERROR" not in out


def test_every_figure_once_and_plausible(bench_run):
    _, out, _ = bench_run
    lines = LINE.findall(out)
    names = [n for n, _, _ in lines]
    for name in EXPECTED:
        assert names.count(name) == 1, "%s appears %d times" % (name, names.count(name))
    assert set(names) == set(EXPECTED), "unexpected figures: %s" % (set(names) - set(EXPECTED))
    for name, value, unit in lines:
        want_unit, low, high = EXPECTED[name]
        assert unit == want_unit, (name, unit)
        v = float(value)                 # non-numeric fails here
        assert math.isfinite(v) and v > 0, (name, value)
        assert low <= v <= high, "%s = %s %s is outside [%s, %s]" % (name, value, unit, low, high)


def test_results_json_matches_lines(bench_run):
    _, out, path = bench_run
    with open(path) as f:
        doc = json.load(f)
    assert doc["quick"] is True
    by_name = {r["name"]: r for r in doc["results"]}
    assert len(by_name) == len(doc["results"])
    for name, value, unit in LINE.findall(out):
        r = by_name[name]
        assert r["unit"] == unit and math.isclose(float(r["value"]), float(value))
        assert set(r) >= {"name", "value", "unit", "target", "met", "wall_s"}
        assert (r["target"] is None) == (r["met"] is None)
    assert set(by_name) == set(EXPECTED)
    # the table at the end names every figure, and which targets are met or missed
    for name in EXPECTED:
        assert re.search(r"^%s\s" % re.escape(name), out, re.M)


PROFILE_LINE = re.compile(r"^PROFILE (\S+)\s+([\d.]+) insn/exit$", re.M)


def test_profile_accounts_for_the_mmio_exit(bench_run, tmp_path):
    """Two independent measurements of one emulated LSR load: the hypervisor instructions QEMU's exec
    log attributes to each exit, and the guest's rdtime over its loop (BENCH exit-mmio-lsr)."""
    _, out, _ = bench_run
    guest_figure = float(dict((n, v) for n, v, _ in LINE.findall(out))["exit-mmio-lsr"])
    env = dict(os.environ, BENCH_OUT=str(tmp_path))
    r = subprocess.run(["timeout", "300", "/usr/bin/python3", os.path.join(ROOT, "tests", "bench", "profile.py"),
                        "mmio-lsr", "--seconds", "0.3"], cwd=ROOT, env=env, capture_output=True)
    text = r.stdout.decode(errors="replace")
    assert r.returncode == 0, text + r.stderr.decode(errors="replace")[-2000:]
    exits = int(re.search(r"^PROFILE mmio-lsr exits (\d+)$", text, re.M).group(1))
    assert exits >= 50, text
    per_fn = {name: float(v) for name, v in PROFILE_LINE.findall(text)}
    # the functions an emulated UART load must pass through, each at least once per exit
    for fn in ("guest_exit", "exit_handle", "mmio_handle_guest_fault", "vm_find_mmio", "vcpu_fetch_insn",
               "vuart_reg_read", "resume_guest"):
        assert per_fn.get(fn, 0) >= 1, "%s missing from the profile:\n%s" % (fn, text)
    total = float(re.search(r"^PROFILE total ([\d.]+) insn/exit$", text, re.M).group(1))
    guest = float(re.search(r"^PROFILE guest ([\d.]+) insn/exit$", text, re.M).group(1))
    assert guest < total, text           # the guest's loop is a few instructions around the load
    assert abs(total + guest - guest_figure) <= 0.15 * guest_figure, (total, guest, guest_figure, text)
    assert not os.path.exists(os.path.join(str(tmp_path), "profile-exec.log"))   # the big log is removed
