#!/usr/bin/env bash
# A run stopped at step K (`Checkpoint/Stop after step`, exit code 75) on
# R1 ranks and continued with --resume on R2 ranks writes statistics.csv,
# probes.csv, cycles.csv and the VTU files of the uninterrupted run on R2
# ranks: bit for bit when R1 = R2, to 1e-10 (CSV; the single-precision VTU
# data to 1e-6) otherwise.
# Usage: restart.sh HETERION MPIEXEC PYTHON CASE.prm K R1 R2 [--set ...]
source "$(dirname "$0")/common.sh"
case_file=$1 step=$2 before=$3 after=$4
shift 4
run "$after" 0 --set "Output directory=$work/reference" "$@" "$case_file"
run "$before" 75 --set "Output directory=$work/continued" \
  --set "Checkpoint/Stop after step=$step" "$@" "$case_file"
grep -q "stopped at t = .* (step $step) as \`Checkpoint/Stop after step\` asks" "$work/last.log" \
  || fail "no stop message"
[ "$(latest_step "$work/continued")" = "$step" ] || fail "no checkpoint of step $step"
rows=$(($(wc -l < "$work/continued/statistics.csv") - 2))
[ "$rows" = "$step" ] || fail "statistics.csv ends at step $rows, not $step"
run "$after" 0 --resume --set "Output directory=$work/continued" "$@" "$case_file"
grep -q "continued from the checkpoint of step $step" "$work/last.log" \
  || fail "the run did not say where it continued"
if [ "$before" = "$after" ]; then
  compare "$work/reference" "$work/continued"
else
  compare --tolerance 1e-10 "$work/reference" "$work/continued"
fi
echo "PASS: stopped at step $step on $before rank(s), continued on $after"
