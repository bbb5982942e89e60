#!/usr/bin/env bash
# SIGUSR1 (or SIGTERM), as batch schedulers send before the time limit,
# stops the run after the step in progress with a checkpoint of that step
# and exit code 128 + the signal; --resume continues it to the output of
# the uninterrupted run, bit for bit.
# Usage: signal.sh HETERION MPIEXEC PYTHON SIGNAL
source "$(dirname "$0")/common.sh"
signal=$1
case_file=$tests/robustness/disc.prm
settings=(--set "Time stepping/End time=400")
run 1 0 --set "Output directory=$work/reference" "${settings[@]}" "$case_file"
out=$work/continued
"$heterion" --set "Output directory=$out" "${settings[@]}" "$case_file" \
  > "$work/stdout" 2> "$work/stderr" &
pid=$!
for i in $(seq 600); do
  [ -f "$out/statistics.csv" ] && [ "$(wc -l < "$out/statistics.csv")" -ge 20 ] && break
  sleep 0.05
done
kill -"$signal" $pid
status=0; wait $pid || status=$?
cat "$work/stderr"
expected=$((128 + $(kill -l "$signal")))
[ $status = $expected ] || fail "exit code $status, expected $expected"
grep -q "interrupted by SIG$signal at t = .*a checkpoint in $out/checkpoint" "$work/stderr" \
  || fail "the message does not name the checkpoint"
step=$(latest_step "$out")
last_row=$(tail -1 "$out/statistics.csv" | cut -d, -f1)
[ "$step" = "$last_row" ] || fail "checkpoint of step $step, last row $last_row"
[ "$step" -lt 400 ] || fail "the run ended before the signal"
run 1 0 --resume --set "Output directory=$out" "${settings[@]}" "$case_file"
compare "$work/reference" "$out"
echo "PASS: SIG$signal at step $step, exit code $status, continued bit for bit"
