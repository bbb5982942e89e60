#!/usr/bin/env bash
# An adaptive run gives the same result on 1 and 2 ranks: the same meshes
# (the VTU points match) and the same statistics, probes and fields to
# 1e-10 (the single-precision VTU data to 1e-6).
# Usage: ranks.sh HETERION MPIEXEC PYTHON CASE.prm
set -euo pipefail
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
heterion=$1 mpiexec=$2 python=$3 case_file=$4
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_adaptivity.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
"$heterion" --set "Output directory=$work/one" "$case_file" > "$work/one.log"
"$mpiexec" -np 2 "$heterion" --set "Output directory=$work/two" "$case_file" > "$work/two.log"
grep -q "mesh adapted" "$work/one.log" || { echo "FAIL: no adaptation"; exit 1; }
meshes() { sed -n 's/^  mesh adapted: \(.* DoFs\);.*/\1/p' "$1"; }
[ "$(meshes "$work/one.log")" = "$(meshes "$work/two.log")" ] \
  || { echo "FAIL: other meshes on 2 ranks"; exit 1; }
"$python" "$here/../checkpoint/compare_runs.py" --tolerance 1e-10 "$work/one" "$work/two"
echo "PASS: $(grep -c "mesh adapted" "$work/one.log") adaptations, 1 and 2 ranks agree"
