#!/usr/bin/env bash
# Adaptive refinement against uniform refinement on a steep lithiation
# front (tests/adaptivity/steep_front.prm: a 2D disc of 1 um, D = 1e-17
# exp(9.2 theta) m^2/s, theta = 0.9 held at the surface, 20 s, the same
# steps on every mesh). The error is that of theta_mean (the lithium taken
# up, an integral of the front position) at t = 5, 10, 15 and 20 s, and
# the largest |theta - theta_ref| at 8 probe points on a radius, both
# against uniform refinement 6 (the reference); the cost is the DoFs (the
# largest over the run) and the wall time. Not part of ctest (about 8
# minutes on 1 core). Prints a table.
# Usage: adaptive_front.sh [--write-reference] [WORK_DIR]
#   (HETERION=path/to/heterion). --write-reference also writes the values
#   of uniform refinement 5 and 6 that tests/adaptivity/efficiency.sh
#   compares with (tests/adaptivity/steep_front_reference.csv).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
heterion=${HETERION:-$repo/build/heterion}
write_reference=false
if [ "${1:-}" = --write-reference ]; then write_reference=true; shift; fi
work=${1:-$repo/build/benchmarks/adaptive_front}
mkdir -p "$work"
case_file=$repo/tests/adaptivity/steep_front.prm
probes="0.30e-6,0; 0.45e-6,0; 0.55e-6,0; 0.65e-6,0; 0.72e-6,0; 0.80e-6,0; 0.88e-6,0; 0.95e-6,0"
common=(--set "Output/Probe points=$probes" --set "Output/Quiet=false")
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
run adaptive_5
run adaptive_5_buffer --set "Adaptive refinement/Buffer layers=1"
run adaptive_4 --set "Geometry/Global refinement=1"
run adaptive_4_from_2 --set "Adaptive refinement/Refinement levels=2" \
  --set "Adaptive refinement/Initial refinements=2"
python3 - "$work" "$write_reference" "$repo/tests/adaptivity/steep_front_reference.csv" <<'PY'
import csv, os, sys
work, write, reference_file = sys.argv[1], sys.argv[2] == "true", sys.argv[3]
times = [5.0, 10.0, 15.0, 20.0]
def rows(name, file):
    return list(csv.DictReader(open(os.path.join(work, name, file))))
def theta_mean(name):
    return {float(r["time"]): float(r["theta_mean"]) for r in rows(name, "statistics.csv")}
def probes(name):
    return {(float(r["time"]), int(r["probe"])): float(r["theta"]) for r in rows(name, "probes.csv")}
def info(name):
    wall, dofs = open(os.path.join(work, name + ".info")).read().split()
    return float(wall), int(dofs)
ref_mean, ref_probes = theta_mean("reference"), probes("reference")
print("| run | finest level | DoFs (largest) | wall time [s] | theta_mean error at t = 5, 10, 15, 20 s | largest probe error |")
print("|---|---|---|---|---|---|")
for name, level in [("uniform_3", 3), ("uniform_4", 4), ("uniform_5", 5),
                    ("adaptive_4_from_2", 4), ("adaptive_4", 4),
                    ("adaptive_5", 5), ("adaptive_5_buffer", 5), ("reference", 6)]:
    wall, dofs = info(name)
    mean, point = theta_mean(name), probes(name)
    errors = ", ".join("%.3e" % abs(mean[t] - ref_mean[t]) for t in times)
    probe_error = max(abs(point[k] - ref_probes[k]) for k in ref_probes if k[0] in times)
    print("| %s | %d | %d | %.1f | %s | %.2e |" % (name, level, dofs, wall, errors, probe_error))
if write:
    uniform_5, dofs_5 = theta_mean("uniform_5"), info("uniform_5")[1]
    with open(reference_file, "w") as out:
        out.write("time,theta_mean_uniform_5,theta_mean_uniform_6,dofs_uniform_5\n")
        for t in times:
            out.write("%g,%.12g,%.12g,%d\n" % (t, uniform_5[t], ref_mean[t], dofs_5))
    print("wrote", reference_file)
PY
