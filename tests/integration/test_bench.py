"""test_bench.py: a smoke run of make bench (BENCH_QUICK=1, few iterations): every expected figure
appears once as "BENCH <name> <value> <unit>" with a positive finite value in a plausible range,
and build/bench/results.json parses and says the same. Never a timing pass/fail: the ranges only
catch figures that are missing, zero, non-numeric or absurd (a unit or parsing mistake)."""
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
