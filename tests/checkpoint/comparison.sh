#!/usr/bin/env bash
# The comparison of the restart tests can fail: a run whose flux differs
# by 1e-8 (relative) is told apart from the reference, bit for bit and at
# the tolerance 1e-10.
# Usage: comparison.sh HETERION MPIEXEC PYTHON
source "$(dirname "$0")/common.sh"
case_file=$tests/robustness/disc.prm
settings=(--set "Time stepping/End time=10")
run 1 0 --set "Output directory=$work/a" "${settings[@]}" "$case_file"
run 1 0 --set "Output directory=$work/b" "${settings[@]}" \
  --set "Boundary conditions/Flux=0.500000005" "$case_file"
compare "$work/a" "$work/a"
! "$python" "$here/compare_runs.py" "$work/a" "$work/b" > /dev/null || fail "bitwise: no difference found"
! "$python" "$here/compare_runs.py" --tolerance 1e-10 "$work/a" "$work/b" > /dev/null \
  || fail "tolerance 1e-10: no difference found"
echo "PASS: a relative change of 1e-8 is found"
