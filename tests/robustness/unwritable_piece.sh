#!/usr/bin/env bash
# One rank cannot write its VTU piece (a directory stands where rank 1's
# piece of the second output goes). Every rank must stop (no hang), with a
# non-zero exit code and the failing rank's message printed once.
# Usage: unwritable_piece.sh HETERION MPIEXEC
source "$(dirname "$0")/common.sh"
heterion=$1 mpiexec=$2
out=$work/out
session=$work/ompi; mkdir -p "$session"
export OMPI_MCA_orte_tmpdir_base=$session
mkdir -p "$out/solution_00002.0001.vtu"
status=0
start=$(date +%s)
timeout --kill-after=10 120 "$mpiexec" -np 2 "$heterion" --set "Output directory=$out" \
  --set "Time stepping/End time=10" "$case_file" > "$work/stdout" 2> "$work/stderr" || status=$?
elapsed=$(( $(date +%s) - start ))
cat "$work/stderr"
[ $status != 124 ] && [ $status != 137 ] || fail "the job hung (killed after the time limit)"
[ $status != 0 ] || fail "exit code 0"
n=$(grep -c "solution_00002.0001.vtu" "$work/stderr" || true)
[ "$n" = 1 ] || fail "the failing rank's message appears $n times, expected once"
grep -q "(on MPI rank 1)" "$work/stderr" || fail "the message does not name rank 1"
[ "$(broken_rows "$out/statistics.csv")" = 0 ] || fail "statistics.csv has a partial row"
echo "PASS: both ranks stopped after ${elapsed} s with exit code $status"
