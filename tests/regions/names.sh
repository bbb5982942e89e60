#!/usr/bin/env bash
# Regions take any name a Gmsh file gives them: the strip of two materials
# under its own names (glass, crystal, inlet, walls) gives statistics.csv
# and probes.csv identical, bit for bit, to the same mesh under built-in
# names (particle, coating, surface, sides), from another working
# directory. Negative control: the diffusivities of glass and crystal
# swapped give another result, so the names do reach the materials. On 2
# ranks the own names give the 1-rank results to 1e-10.
# Usage: names.sh HETERION MPIEXEC PYTHON
set -euo pipefail
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
heterion=$1 mpiexec=$2 python=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_regions.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
cd "$work"
"$heterion" --set "Output directory=$work/built_in" "$here/two_layers_built_in_names.prm" > built_in.log
"$heterion" --set "Output directory=$work/own" "$here/two_layers_own_names.prm" > own.log
for f in statistics.csv probes.csv; do
  cmp -s "built_in/$f" "own/$f" || { echo "FAIL: $f differs between built-in and own names"; diff "built_in/$f" "own/$f" | head; exit 1; }
done
"$heterion" --set "Output directory=$work/swapped" \
  --set "Materials/glass/Diffusivity=1e-16" --set "Materials/crystal/Diffusivity=1e-15*(1+theta)" \
  "$here/two_layers_own_names.prm" > swapped.log
! cmp -s own/probes.csv swapped/probes.csv || { echo "FAIL: swapping the materials' diffusivities changed nothing"; exit 1; }
"$mpiexec" -np 2 "$heterion" --set "Output directory=$work/two_ranks" \
  "$here/two_layers_own_names.prm" > two_ranks.log
"$python" "$here/../checkpoint/compare_runs.py" --tolerance 1e-10 own two_ranks > /dev/null \
  || { echo "FAIL: 1 and 2 ranks differ"; exit 1; }
echo "PASS: own region names give the built-in names' results bit for bit ($(($(wc -l < own/statistics.csv) - 1)) rows); swapped materials differ; 1 and 2 ranks agree"
