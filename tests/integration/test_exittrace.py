"""test_exittrace.py: tools/exittrace on recorded logs and dumps, checked against this file's own parsing, and make trace.

The recorded inputs under tests/data/exittrace/ are unedited consoles of real runs:
selftest-exits.log (make run VM=selftest TRACE=exits), selftest-dump.log and trap_loops-dump.log
(TRACE=dump). The expected values are computed here from the raw lines, never copied from the
analyser's output.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from collections import Counter, defaultdict

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data", "exittrace")
TOOL = os.path.join(ROOT, "tools", "exittrace")
EXIT_LINE = re.compile(r"^\[vm\d+/\d+\] exit \d+ (\S+) sepc=0x([0-9a-f]+) .*\[cycles=(\d+) time=\d+\]$")
SVG_NS = "{http://www.w3.org/2000/svg}"


def run_tool(*args):
    r = subprocess.run([sys.executable, TOOL] + list(args), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def report(path, *args):
    return json.loads(run_tool(path, "--json", *args))


def nearest_rank(values, p):
    """The smallest value v with at least p% of the values <= v (written apart from the tool's)."""
    values = sorted(values)
    for v in values:
        if sum(1 for x in values if x <= v) * 100 >= p * len(values):
            return v
    raise AssertionError("no values")


def trace_c_cause_names():
    """exception_names from hv/trace/trace.c: the names the hypervisor prints."""
    src = open(os.path.join(ROOT, "hv", "trace", "trace.c")).read()
    table = re.search(r"exception_names\[IRQ_SLOT0\] = \{(.*?)\};", src, re.S).group(1)
    return re.findall(r'"([^"]+)"', table)


def irq_name(code):
    src = open(os.path.join(ROOT, "hv", "trace", "trace.c")).read()
    table = re.search(r"irq_names\[16\] = \{(.*?)\};", src, re.S).group(1)
    return re.findall(r'"([^"]+)"', table)[code]


def expected_from_dump(path):
    """Decodes the dump frames by hand: {cause: [(sepc, cycles)]}, and the frames' record counts."""
    names = trace_c_cause_names()
    per_cause = defaultdict(list)
    frames = []
    for line in open(path, errors="replace"):
        m = re.search(r"trace-dump begin vcpu=\d+ records=(\d+)", line)
        if m:
            frames.append(int(m.group(1)))
        m = re.search(r"trace-dump rec=\d+ ([0-9a-f]{160}) crc=([0-9a-f]{8})", line)
        if not m:
            continue
        raw = bytes.fromhex(m.group(1))
        assert zlib.crc32(raw) == int(m.group(2), 16)
        scause = int.from_bytes(raw[16:24], "little")
        sepc = int.from_bytes(raw[24:32], "little")
        cycles = int.from_bytes(raw[68:72], "little")
        name = irq_name(scause & 0xff) if scause >> 63 else names[scause]
        per_cause[name].append((sepc, cycles))
    return per_cause, frames


def expected_from_log(path):
    per_cause = defaultdict(list)
    for line in open(path, errors="replace"):
        m = EXIT_LINE.match(line.rstrip("\r\n"))
        if m:
            per_cause[m.group(1)].append((int(m.group(2), 16), int(m.group(3))))
    return per_cause


def check_report_against(rep, per_cause):
    total = sum(len(v) for v in per_cause.values())
    assert rep["exits"] == total
    got = {c["cause"]: c for c in rep["causes"]}
    assert set(got) == set(per_cause)
    for name, exits in per_cause.items():
        c, costs = got[name], [cyc for _, cyc in exits]
        assert c["count"] == len(exits), name
        assert c["share"] == pytest.approx(100.0 * len(exits) / total)
        assert c["p50"] == nearest_rank(costs, 50), name
        assert c["p99"] == nearest_rank(costs, 99), name
        assert c["max"] == max(costs)
        assert c["mean"] == pytest.approx(sum(costs) / len(costs))
        hottest_pc, hottest_n = Counter(pc for pc, _ in exits).most_common(1)[0]
        assert c["hot_pcs"][0][1] == hottest_n
        assert Counter(pc for pc, _ in exits)[c["hot_pcs"][0][0]] == hottest_n
    counts = [c["count"] for c in rep["causes"]]
    assert counts == sorted(counts, reverse=True)   # most frequent first


def test_cause_names_match_the_hypervisors():
    import importlib.machinery
    import importlib.util
    loader = importlib.machinery.SourceFileLoader("exittrace", TOOL)
    spec = importlib.util.spec_from_loader("exittrace", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    assert mod.EXCEPTION_NAMES == trace_c_cause_names()
    for code, name in mod.IRQ_NAMES.items():
        assert name == irq_name(code)


def test_recorded_log_counts_and_percentiles():
    path = os.path.join(DATA, "selftest-exits.log")
    per_cause = expected_from_log(path)
    assert sum(len(v) for v in per_cause.values()) >= 200 and len(per_cause) >= 3   # the recording is rich enough
    rep = report(path)
    assert rep["source"] == "log"
    check_report_against(rep, per_cause)
    # the exit summary the hypervisor printed counts exactly the exit lines
    summary = re.search(r"exit summary for selftest: (\d+) exits", open(path).read())
    assert int(summary.group(1)) == rep["exits"]


def test_recorded_log_text_report():
    path = os.path.join(DATA, "selftest-exits.log")
    per_cause = expected_from_log(path)
    text = run_tool(path, "--top", "2")
    for name, exits in per_cause.items():
        assert re.search(r"^%s +%d +[\d.]+%% " % (re.escape(name), len(exits)), text, re.M), name
    pc, n = Counter(pc for pc, _ in per_cause["vs-ecall"]).most_common(1)[0]
    assert re.search(r"^  vs-ecall +0x%x x%d  \S+ x\d+$" % (pc, n), text, re.M)   # --top 2: two PCs


@pytest.mark.parametrize("name", ["selftest-dump.log", "trap_loops-dump.log"])
def test_recorded_dump_counts_and_percentiles(name):
    path = os.path.join(DATA, name)
    per_cause, frames = expected_from_dump(path)
    rep = report(path)
    assert rep["source"] == "dump"
    assert rep["problems"] == []
    assert [f["records"] for f in rep["dump_frames"]] == frames
    assert all(f["ok"] for f in rep["dump_frames"])
    check_report_against(rep, per_cause)


def test_dump_shows_ring_against_summary_counters():
    """selftest's boot vCPU made more exits than its ring holds: the report says how many are in the dump."""
    path = os.path.join(DATA, "selftest-dump.log")
    text = run_tool(path)
    begin = re.search(r"trace-dump begin vcpu=0 records=(\d+) exits=(\d+)", open(path).read())
    assert int(begin.group(1)) < int(begin.group(2))
    assert "vm0 vcpu 0: %s of its %s exits in the dump" % begin.groups() in text
    assert "exit summary counters" in text


def test_damaged_dump_is_detected(tmp_path):
    lines = open(os.path.join(DATA, "trap_loops-dump.log")).read().splitlines(True)
    rec = [i for i, l in enumerate(lines) if "trace-dump rec=" in l]
    good = report(os.path.join(DATA, "trap_loops-dump.log"))["exits"]
    # one hex digit changed: that record is dropped and the frame marked damaged
    flipped = list(lines)
    i = rec[5]
    pos = flipped[i].index("rec=5 ") + 8
    flipped[i] = flipped[i][:pos] + ("0" if flipped[i][pos] != "0" else "1") + flipped[i][pos + 1:]
    (tmp_path / "flipped.log").write_text("".join(flipped))
    rep = report(str(tmp_path / "flipped.log"))
    assert rep["exits"] == good - 1
    assert any("record 5" in p and "corrupt" in p for p in rep["problems"])
    assert not rep["dump_frames"][0]["ok"]
    # cut off mid-frame (a console that stopped early): partial, and said so
    (tmp_path / "cut.log").write_text("".join(lines[:rec[10]]))
    rep = report(str(tmp_path / "cut.log"))
    assert rep["exits"] == 10
    assert any("partial dump" in p for p in rep["problems"])


def test_log_lines_without_cost_still_count():
    """Exit lines of an older build (no [cycles=...]) give counts and PCs, no cost."""
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as f:
        f.write("[vm0/0] exit 1 illegal-instruction sepc=0x80200000 stval=0xf14025f3 csrrs a1,mhartid,zero "
                "-> emulated a1=0x1234\n[vm0/0] exit 2 vs-ecall sepc=0x8020000c -> stopped\n")
    try:
        rep = report(f.name)
    finally:
        os.unlink(f.name)
    assert [(c["cause"], c["count"], "p50" in c) for c in rep["causes"]] == \
        [("illegal-instruction", 1, False), ("vs-ecall", 1, False)]


def svg_rows_and_buckets(svg_path):
    root = ET.parse(svg_path).getroot()
    assert root.tag == SVG_NS + "svg"
    rows = [g for g in root.iter(SVG_NS + "g") if g.get("class") == "timeline-row"]
    buckets = [r for r in root.iter(SVG_NS + "rect") if r.get("class") == "bucket"]
    counts = [int(re.search(r": (\d+) exits", b.find(SVG_NS + "title").text).group(1)) for b in buckets]
    return rows, counts


@pytest.mark.parametrize("name", ["selftest-exits.log", "trap_loops-dump.log"])
def test_svg_has_one_timeline_row_per_cause(tmp_path, name):
    path = os.path.join(DATA, name)
    per_cause = expected_from_log(path) if name.endswith("exits.log") else expected_from_dump(path)[0]
    svg = str(tmp_path / "out.svg")
    run_tool(path, "-o", svg)
    rows, counts = svg_rows_and_buckets(svg)
    assert sorted(r.get("data-cause") for r in rows) == sorted(per_cause)
    for r in rows:   # one tick (or a shared pixel) per exit: never more ticks than exits
        ticks = r.find(SVG_NS + "path").get("d").count("M")
        assert 1 <= ticks <= len(per_cause[r.get("data-cause")])
    assert sum(counts) == sum(len(v) for v in per_cause.values())


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_trace_simple_hv_shows_three_exits():
    out_dir = os.path.join(ROOT, "build", "trace")
    for ext in ("txt", "svg", "log"):
        if os.path.exists(os.path.join(out_dir, "simple_hv." + ext)):
            os.unlink(os.path.join(out_dir, "simple_hv." + ext))
    r = subprocess.run(["make", "trace", "VM=simple_hv", "TRACE_TIMEOUT=60"], cwd=ROOT, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    text = open(os.path.join(out_dir, "simple_hv.txt")).read()
    for cause in ("illegal-instruction", "load-guest-page-fault", "vs-ecall"):
        assert re.search(r"^%s +1 +33\.3%% +\d+ +\d+ +\d+ +\d+$" % cause, text, re.M), text
    assert "3 exits from exit lines" in text
    rows, counts = svg_rows_and_buckets(os.path.join(out_dir, "simple_hv.svg"))
    assert sorted(r.get("data-cause") for r in rows) == ["illegal-instruction", "load-guest-page-fault", "vs-ecall"]
    assert sum(counts) == 3
    assert "Shutdown vm normally!" in open(os.path.join(out_dir, "simple_hv.log"), errors="replace").read()
