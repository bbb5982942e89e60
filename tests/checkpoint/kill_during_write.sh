#!/usr/bin/env bash
# A run killed (SIGKILL) while it writes a checkpoint leaves the one before
# usable: checkpoints every 5 steps, the process killed in the second (its
# data written, `latest` not yet switched); --resume continues from step 5
# to the output of the uninterrupted run, bit for bit.
# Usage: kill_during_write.sh HETERION MPIEXEC PYTHON
source "$(dirname "$0")/common.sh"
case_file=$tests/robustness/disc.prm
settings=(--set "Time stepping/End time=40" --set "Checkpoint/Every steps=5")
run 1 0 --set "Output directory=$work/reference" "${settings[@]}" "$case_file"
out=$work/continued
HETERION_TEST_KILL_IN_CHECKPOINT=2 run 1 137 --set "Output directory=$out" \
  "${settings[@]}" "$case_file"
[ "$(latest_step "$out")" = 5 ] || fail "latest names step $(latest_step "$out"), not 5"
[ -d "$out/checkpoint/step_0000010" ] || fail "the killed write left no directory"
run 1 0 --resume --set "Output directory=$out" "${settings[@]}" "$case_file"
grep -q "continued from the checkpoint of step 5 " "$work/last.log" || fail "not from step 5"
compare "$work/reference" "$out"
[ "$(latest_step "$out")" = 40 ] || fail "the last checkpoint is not of step 40"
[ "$(ls -d "$out"/checkpoint/step_* | wc -l)" = 1 ] || fail "older checkpoints kept"
echo "PASS: killed in the checkpoint of step 10; continued from step 5 bit for bit"
