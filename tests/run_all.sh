#!/usr/bin/env bash
# run_all.sh: runs the host unit tests (cmocka) and the integration tests (pytest + pexpect),
# then prints one line "N passed, N failed" over both.
# Usage: run_all.sh [--unit-only|--integration-only] [unit test binaries...]
set -u
mode=all
case "${1:-}" in --unit-only|--integration-only) mode=$1; shift ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
passed=0
failed=0

if [ "$mode" != --integration-only ]; then
  echo "== unit tests =="
  for bin in "$@"; do
    out=$(CMOCKA_MESSAGE_OUTPUT=STDOUT "$bin" 2>&1)
    rc=$?
    echo "$out"
    ok=$(grep -c '^\[       OK \]' <<<"$out")
    bad=$(grep -c '^\[  FAILED  \] test' <<<"$out")
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
      echo "$bin crashed (exit $rc)"
      bad=1
    fi
    passed=$((passed + ok))
    failed=$((failed + bad))
  done
fi

if [ "$mode" != --unit-only ]; then
  echo "== integration tests =="
  mkdir -p build/test-logs
  junit=build/test-logs/junit.xml
  rm -f "$junit"
  /usr/bin/python3 -m pytest -v -p no:cacheprovider --junitxml="$junit" tests/integration ${PYTEST_ARGS:-}
  if [ -f "$junit" ]; then
    read -r ip if < <(/usr/bin/python3 - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
sk = sum(int(s.get("skipped", 0)) for s in suites)
print(t - f - sk, f)
PY
)
    passed=$((passed + ip))
    failed=$((failed + if))
    # the hardening suites: one line per case, so the summary shows how each one ended
    /usr/bin/python3 - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
for case in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    suite = case.get("classname", "").rsplit(".", 1)[-1]
    if suite in ("test_hostile", "test_bad_input"):
        bad = case.find("failure") is not None or case.find("error") is not None
        print("%-15s %-60s %s" % (suite[5:], case.get("name"), "FAILED" if bad else "passed"))
PY
  else
    echo "pytest produced no report"
    failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
