#!/usr/bin/env bash
# Two runs into one output directory: the second is refused with a message
# naming the first (its process id); after the first is killed with SIGKILL
# (its lock left behind), a new run takes the stale lock over with a note.
# Usage: directory_lock.sh HETERION
source "$(dirname "$0")/common.sh"
heterion=$1
out=$work/out
"$heterion" --set "Output directory=$out" "$case_file" > /dev/null 2>&1 &
first=$!
wait_for_lines "$out/statistics.csv" 3 || fail "the first run did not start"
status=0
"$heterion" --set "Output directory=$out" --set "Time stepping/End time=2" "$case_file" \
  > /dev/null 2> "$work/second.err" || status=$?
cat "$work/second.err"
[ $status = 1 ] || fail "the second run exited with $status, expected 1"
grep -q "is in use by another Heterion run (process $first on host" "$work/second.err" \
  || fail "the refusal does not name the first run's process $first"
rows=$(wc -l < "$out/statistics.csv")
kill -KILL $first; wait $first 2>/dev/null || true
[ -f "$out/.heterion.lock" ] || fail "no lock left by the killed run"
"$heterion" --set "Output directory=$out" --set "Time stepping/End time=2" "$case_file" \
  > /dev/null 2> "$work/third.err" || fail "the run after the killed one failed: $(cat "$work/third.err")"
cat "$work/third.err"
grep -q "took over the lock of output directory" "$work/third.err" || fail "no note on the stale lock"
[ ! -f "$out/.heterion.lock" ] || fail "the lock was not removed at the end"
echo "PASS: second run refused (first had written $rows rows); stale lock taken over"
