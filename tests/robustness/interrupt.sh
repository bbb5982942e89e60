#!/usr/bin/env bash
# SIGTERM (as a batch scheduler sends before the time limit) stops the run
# after the step in progress: exit code 143, the message names the time, the
# rows of statistics.csv are complete, the state of the last step is in the
# VTU files (solution.pvd ends at the last row's time), and no temporary or
# lock file is left behind.
# Usage: interrupt.sh HETERION
source "$(dirname "$0")/common.sh"
heterion=$1
out=$work/out
"$heterion" --set "Output directory=$out" "$case_file" > "$work/stdout" 2> "$work/stderr" &
pid=$!
wait_for_lines "$out/statistics.csv" 8 || fail "the run did not start"
kill -TERM $pid
status=0; wait $pid || status=$?
cat "$work/stderr"
[ $status = 143 ] || fail "exit code $status, expected 143 (128 + SIGTERM)"
grep -q "heterion: interrupted by SIGTERM at t = " "$work/stderr" || fail "no interruption message"
[ "$(grep -cv '^\s*$' "$work/stderr")" = 1 ] || fail "stderr is not one line"
[ "$(broken_rows "$out/statistics.csv")" = 0 ] || fail "statistics.csv has a partial row"
last_time=$(tail -1 "$out/statistics.csv" | cut -d, -f2)
pvd_time=$(grep -o 'timestep="[^"]*"' "$out/solution.pvd" | tail -1 | cut -d'"' -f2)
awk -v a="$last_time" -v b="$pvd_time" 'BEGIN { exit !(a == b) }' \
  || fail "the last VTU time $pvd_time is not the last row's time $last_time"
leftovers=$(find "$out" -name '*.tmp.*' -o -name '.heterion.lock')
[ -z "$leftovers" ] || fail "left behind: $leftovers"
echo "PASS: interrupted at t = $last_time s, exit code 143, output complete"
