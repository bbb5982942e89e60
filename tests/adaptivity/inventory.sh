#!/usr/bin/env bash
# Adaptive refinement keeps the lithium: a closed box (no flux) whose mesh
# is refined and coarsened after every step keeps the initial inventory to
# 1e-12 (relative) in every row of statistics.csv; the mesh must both grow
# and shrink. Negative control: without `Conserve lithium` the coarsening
# interpolation changes the inventory by more than 1e-9, which the same
# check finds.
# Usage: inventory.sh HETERION PYTHON
set -euo pipefail
heterion=$1 python=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_adaptivity.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
deviation() {
  "$python" -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
n = [float(r["li_inventory"]) for r in rows]
print("%.3e" % max(abs(x - n[0]) / n[0] for x in n))' "$1/statistics.csv"
}
"$heterion" --set "Output directory=$work/kept" "$here/box_inventory.prm" > "$work/log"
cells=$(sed -n 's/^  mesh adapted: \([0-9]*\) cells.*/\1/p' "$work/log")
[ "$(echo "$cells" | wc -l)" -ge 10 ] || fail "the mesh was adapted fewer than 10 times"
echo "$cells" | awk 'NR > 1 && $1 > prev { up = 1 } NR > 1 && $1 < prev { down = 1 } { prev = $1 }
  END { exit !(up && down) }' || fail "the mesh did not both grow and shrink: $(echo $cells)"
kept=$(deviation "$work/kept")
awk -v d="$kept" 'BEGIN { exit !(d <= 1e-12) }' || fail "inventory changed by $kept (relative)"
"$heterion" --set "Output directory=$work/lost" --set "Adaptive refinement/Conserve lithium=false" \
  "$here/box_inventory.prm" > /dev/null
lost=$(deviation "$work/lost")
awk -v d="$lost" 'BEGIN { exit !(d > 1e-9) }' || fail "the control changed the inventory by only $lost"
echo "PASS: $(echo "$cells" | wc -l) adaptations ($(echo $cells | tr ' ' '\n' | sort -n | sed -n '1p;$p' | paste -sd-) cells);" \
  "inventory kept to $kept (without the correction: $lost)"
