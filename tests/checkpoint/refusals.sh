#!/usr/bin/env bash
# --resume refuses, with exit code 1 and a message that says why: a
# directory without a checkpoint, other parameters (naming the entry and
# both values), a checkpoint of another format version, and a CSV file cut
# short after the checkpoint. Entries of `Checkpoint` may change; a
# checkpoint every few seconds of wall time (`Every minutes`) is written.
# Usage: refusals.sh HETERION MPIEXEC PYTHON
source "$(dirname "$0")/common.sh"
case_file=$tests/robustness/disc.prm
out=$work/out
settings=(--set "Output directory=$out" --set "Time stepping/End time=20")
expect_message() { grep -q -- "$1" "$work/last.log" || { cat "$work/last.log"; fail "no message '$1'"; }; }

run 1 1 --resume "${settings[@]}" "$case_file"
expect_message "heterion: error: .*--resume: there is no checkpoint in '$out/checkpoint'"

run 1 75 "${settings[@]}" --set "Checkpoint/Stop after step=10" "$case_file"
run 1 1 --resume "${settings[@]}" --set "Boundary conditions/Flux=0.6" "$case_file"
expect_message "written with other parameters: Boundary conditions/Flux (checkpoint '0.5', now '0.6')"

cp "$out/checkpoint/step_0000010/checkpoint.info" "$work/info"
sed -i 's/^format = .*/format = 0/' "$out/checkpoint/step_0000010/checkpoint.info"
run 1 1 --resume "${settings[@]}" "$case_file"
expect_message "has format version 0; this heterion reads version"
cp "$work/info" "$out/checkpoint/step_0000010/checkpoint.info"

cp "$out/statistics.csv" "$work/statistics.csv"
head -5 "$work/statistics.csv" > "$out/statistics.csv"
run 1 1 --resume "${settings[@]}" "$case_file"
expect_message "statistics.csv was changed after the checkpoint"
cp "$work/statistics.csv" "$out/statistics.csv"

# Checkpoint entries may change; a tiny wall-time interval checkpoints
# after every step.
run 1 0 --resume "${settings[@]}" --set "Checkpoint/Every minutes=1e-9" "$case_file"
[ "$(latest_step "$out")" = 20 ] || fail "no checkpoint of the last step"
[ "$(wc -l < "$out/statistics.csv")" = 22 ] || fail "statistics.csv has not 21 rows"
echo "PASS: every refusal names its reason; Checkpoint entries may change"
