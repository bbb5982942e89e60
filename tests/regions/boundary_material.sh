#!/usr/bin/env bash
# A concentration boundary takes c_max from a material that touches it:
# theta = 0.5 to 1e-12 at three points of `inlet` (boundary_material.prm),
# where c_max of glass rises with y and crystal, which does not touch the
# inlet, has the same base value.
# Usage: boundary_material.sh HETERION PYTHON
set -euo pipefail
heterion=$1 python=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_regions.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
"$heterion" --set "Output directory=$work/run" "$here/boundary_material.prm" > "$work/log"
"$python" - "$work/run/probes.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
worst = max(abs(float(r["theta"]) - 0.5) for r in rows)
c = sorted(set(float(r["c"]) for r in rows))
print("largest |theta - 0.5| on the inlet: %.2e; c there: %s mol/m^3" % (worst, c))
sys.exit(0 if worst <= 1e-12 and len(c) == 3 else 1)
PY
echo "PASS: the inlet holds theta = 0.5 with the c_max of glass"
