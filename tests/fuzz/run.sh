#!/usr/bin/env bash
# run.sh: runs each libFuzzer target from build/fuzz for a bounded time and prints one line per target:
# "FUZZ <target> <N> execs in <S> s, <C> crashes" (plus the reproducer path on a crash).
# Usage: run.sh [-t seconds] [-j parallel] target...   Exit status 1 when any target crashed.
# The repo corpus (tests/fuzz/corpus/<target>) is only read; new inputs go to build/fuzz/corpus/<target>.
set -u
seconds=60
jobs=1
while getopts "t:j:" opt; do
  case $opt in t) seconds=$OPTARG ;; j) jobs=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=build/fuzz

# One target: run it, then print its summary line from libFuzzer's final stats.
run_one() {
  local t=$1 bin=$out/fuzz_$1 log=$out/logs/$1.log scratch=$out/corpus/$1 crashes=$out/crashes/$1/
  mkdir -p "$out/logs" "$scratch" "$crashes"
  if [ ! -x "$bin" ]; then
    echo "FUZZ $t FAILED: $bin is not built"
    return 1
  fi
  local start rc execs cov repro
  start=$(date +%s)
  # -rss_limit_mb: a leak or runaway allocation is a failure; -timeout: one input stuck 5 s is a hang.
  "$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes" "$scratch" "tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1)
  if [ "$rc" -eq 0 ]; then
    echo "FUZZ $t ${execs:-0} execs in $(( $(date +%s) - start )) s, 0 crashes (${cov:-cov: ?})"
    return 0
  fi
  repro=$(sed -n 's/.*Test unit written to *//p' "$log" | tail -n1)
  echo "FUZZ $t ${execs:-0} execs in $(( $(date +%s) - start )) s, 1 crashes: reproducer ${repro:-none} (log $log)"
  grep -m3 -E 'ERROR: |invariant failed|runtime error' "$log" | sed 's/^/    /'
  return 1
}

failed=0
pids=()
for t in "$@"; do
  run_one "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do
  wait "$p" || failed=1
done
exit $failed
