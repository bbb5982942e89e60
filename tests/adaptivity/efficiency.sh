#!/usr/bin/env bash
# Adaptive refinement pays on a steep front (tests/adaptivity/steep_front.prm,
# to t = 10 s): with at most a third of the DoFs of uniform refinement 5
# (the finest level of the adaptive mesh), the lithium taken up (theta_mean)
# is as accurate as that of uniform refinement 5 at t = 5 and 10 s. The
# error of both is against uniform refinement 6; the values of the uniform
# runs are in steep_front_reference.csv, written by
# tests/benchmarks/adaptive_front.sh --write-reference (they take 6 minutes).
# Negative control: one level less (as fine as uniform refinement 4) is
# found less accurate by the same check.
# Usage: efficiency.sh HETERION PYTHON
set -euo pipefail
heterion=$1 python=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_adaptivity.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
# check RUN_DIR LOG: compares with the reference; prints the verdict line
check() {
  "$python" - "$here/steep_front_reference.csv" "$1/statistics.csv" "$2" <<'PY'
import csv, re, sys
reference = {float(r["time"]): r for r in csv.DictReader(open(sys.argv[1]))}
run = {float(r["time"]): float(r["theta_mean"]) for r in csv.DictReader(open(sys.argv[2]))}
dofs = max(int(n) for n in re.findall(r"(\d+) DoFs", open(sys.argv[3]).read()))
ok = True
uniform_dofs = int(next(iter(reference.values()))["dofs_uniform_5"])
for t in (5.0, 10.0):
    exact = float(reference[t]["theta_mean_uniform_6"])
    uniform = abs(float(reference[t]["theta_mean_uniform_5"]) - exact)
    adaptive = abs(run[t] - exact)
    print("t = %g s: theta_mean error %.3e (uniform refinement 5: %.3e)" % (t, adaptive, uniform))
    ok = ok and adaptive <= uniform
print("largest DoFs %d (uniform refinement 5: %d, ratio %.2f)" % (dofs, uniform_dofs, uniform_dofs / dofs))
ok = ok and 3 * dofs <= uniform_dofs
print("verdict:", "reached" if ok else "not reached")
PY
}
end=(--set "Time stepping/End time=10")
"$heterion" --set "Output directory=$work/adaptive" "${end[@]}" --set "Output/Quiet=false" \
  "$here/steep_front.prm" > "$work/adaptive.log"
# The comparison holds for the step sequence of the uniform runs only.
! grep -q retrying "$work/adaptive.log" || { echo "FAIL: a step was retried; the steps differ from the reference's"; exit 1; }
check "$work/adaptive" "$work/adaptive.log" | tee "$work/verdict"
grep -q "verdict: reached" "$work/verdict" || { echo "FAIL: adaptive refinement misses uniform refinement 5"; exit 1; }
"$heterion" --set "Output directory=$work/coarser" "${end[@]}" --set "Output/Quiet=false" \
  --set "Adaptive refinement/Refinement levels=2" "$here/steep_front.prm" > "$work/coarser.log"
check "$work/coarser" "$work/coarser.log" > "$work/control"
grep -q "verdict: not reached" "$work/control" \
  || { cat "$work/control"; echo "FAIL: the negative control (finest level 4) passed the check"; exit 1; }
echo "PASS: the error of uniform refinement 5 with a third of its DoFs; one level less is found out"
