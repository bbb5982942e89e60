#!/usr/bin/env bash
# Adaptive refinement against uniform refinement on a sharp lithiation
# front (tests/adaptivity/front_disc.prm: a 2D disc of 1 um, D = 1e-16
# exp(4.6 theta) m^2/s, theta = 0.9 held at the surface, 60 s in steps of
# 0.5 s). The error is the largest |theta - theta_ref| at 8 probe points on
# a radius at t = 60 s, against uniform refinement 6 (the reference); the
# cost is the DoFs (the largest over the run for the adaptive runs) and the
# wall time. Not part of ctest (about 3 minutes on 1 core). Prints a table.
# Usage: adaptive_front.sh [WORK_DIR]   (HETERION=path/to/heterion)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
heterion=${HETERION:-$repo/build/heterion}
work=${1:-$repo/build/benchmarks/adaptive_front}
mkdir -p "$work"
case_file=$repo/tests/adaptivity/front_disc.prm
probes="0.30e-6,0; 0.45e-6,0; 0.55e-6,0; 0.65e-6,0; 0.72e-6,0; 0.80e-6,0; 0.88e-6,0; 0.95e-6,0"
common=(--set "Time stepping/Time step=0.5" --set "Output/Output interval=60"
        --set "Output/Probe points=$probes" --set "Output/Quiet=false")
# run NAME SETTINGS...: wall time [s] and largest DoFs into $work/NAME.info
run() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$heterion" --set "Output directory=$work/$name" "${common[@]}" "$@" "$case_file" > "$work/$name.log"
  end=$(date +%s.%N)
  local dofs
  dofs=$( (sed -n 's/.* \([0-9]*\) DoFs.*/\1/p' "$work/$name.log") | sort -n | tail -1)
  echo "$(echo "$end - $start" | bc) $dofs" > "$work/$name.info"
}
uniform=(--set "Adaptive refinement/Interval=0" --set "Adaptive refinement/Initial refinements=0")
run reference --set "Geometry/Global refinement=6" "${uniform[@]}"
for g in 3 4 5; do run uniform_$g --set "Geometry/Global refinement=$g" "${uniform[@]}"; done
for l in 2 3 4; do run adaptive_$l --set "Adaptive refinement/Refinement levels=$l" \
  --set "Adaptive refinement/Initial refinements=$l"; done
python3 - "$work" <<'PY'
import csv, os, sys
work = sys.argv[1]
def theta(name):
    rows = list(csv.DictReader(open(os.path.join(work, name, "probes.csv"))))
    last = max(float(r["time"]) for r in rows)
    return {int(r["probe"]): float(r["theta"]) for r in rows if float(r["time"]) == last}
ref = theta("reference")
print("| run | DoFs (largest) | wall time [s] | max |theta - theta_ref| at t = 60 s |")
print("|---|---|---|---|")
for name in ["uniform_3", "uniform_4", "uniform_5", "adaptive_2", "adaptive_3", "adaptive_4", "reference"]:
    wall, dofs = open(os.path.join(work, name + ".info")).read().split()
    t = theta(name)
    error = max(abs(t[p] - ref[p]) for p in ref)
    print("| %s | %s | %.1f | %.2e |" % (name, dofs, float(wall), error))
PY
