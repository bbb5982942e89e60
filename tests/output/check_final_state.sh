#!/usr/bin/env bash
# Runs cutoff_final_state.prm and checks that solution.pvd, surface.pvd and
# probes.csv end at the time of the last row of statistics.csv (the cut-off),
# which lies between two output times.
# Usage: check_final_state.sh HETERION WORK_DIR
set -euo pipefail
heterion=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
"$heterion" --set "Output directory=$work" "$here/cutoff_final_state.prm" > /dev/null
last=$(tail -1 "$work/statistics.csv" | cut -d, -f2)
for pvd in solution surface; do
  t=$(grep -o 'timestep="[^"]*"' "$work/$pvd.pvd" | tail -1 | cut -d'"' -f2)
  awk -v a="$t" -v b="$last" 'BEGIN { exit !(a == b) }' \
    || { echo "FAIL: $pvd.pvd ends at $t, the run at $last"; exit 1; }
done
probe=$(tail -1 "$work/probes.csv" | cut -d, -f1)
awk -v a="$probe" -v b="$last" 'BEGIN { exit !(a == b) }' \
  || { echo "FAIL: probes.csv ends at $probe, the run at $last"; exit 1; }
awk -v b="$last" 'BEGIN { exit !(b % 600 != 0) }' \
  || { echo "FAIL: the cut-off fell on an output time ($last s)"; exit 1; }
echo "PASS: the run ended at the cut-off t = $last s; every file ends there"
