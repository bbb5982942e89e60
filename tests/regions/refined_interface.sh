#!/usr/bin/env bash
# A reaction interface with hanging nodes (refined_interface.prm): the run
# completes, the initial state of charge is 0.5 everywhere (the coarse
# glass face's DoFs are the masters of the fine crystal cells' trace: they
# must carry c_0 too, or theta_min starts below 0.5 and the first step
# fails), the state of charge rises by t / 3600 s at 1C, and 2 ranks give
# the 1-rank results to 1e-10.
# Usage: refined_interface.sh HETERION MPIEXEC PYTHON
set -euo pipefail
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
heterion=$1 mpiexec=$2 python=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_interface.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
"$heterion" --set "Output directory=$work/one" "$here/refined_interface.prm" > "$work/one.log"
"$python" - "$work/one/statistics.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
first, last = rows[0], rows[-1]
for column in ("theta_min", "theta_max", "soc"):
    if abs(float(first[column]) - 0.5) > 1e-12:
        sys.exit(f"FAIL: initial {column} = {first[column]}, not 0.5")
rise = (float(last["soc"]) - float(first["soc"])) * 3600 / float(last["time"])
if abs(rise - 1) > 1e-6:
    sys.exit(f"FAIL: the state of charge rose at {rise} C, not 1C")
print(f"initial theta 0.5 everywhere; soc rose at {rise:.9f} C")
PY
"$mpiexec" -np 2 "$heterion" --set "Output directory=$work/two" "$here/refined_interface.prm" > "$work/two.log"
"$python" "$here/../checkpoint/compare_runs.py" --tolerance 1e-10 "$work/one" "$work/two" > /dev/null \
  || { echo "FAIL: 1 and 2 ranks differ"; "$python" "$here/../checkpoint/compare_runs.py" --tolerance 1e-10 "$work/one" "$work/two" | head; exit 1; }
echo "PASS: 1 and 2 ranks agree to 1e-10"
