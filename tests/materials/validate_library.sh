#!/usr/bin/env bash
# Every file of the material library, included into a small run, is
# accepted by `heterion --validate` (entry names, ranges, OCP names and
# expressions as the solver reads them), and an included value can be
# overridden by a later `set`.
#
# Usage: validate_library.sh HETERION_EXECUTABLE MATERIALS_DIRECTORY
set -euo pipefail
executable=$1
materials=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_materials.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A run of material file $1 with the extra line $2 after the include.
make_case()
{
  cat > "$work/run.prm" <<PRM
set Dimension = 2
set Output directory = $work/output
subsection Geometry
  set Model             = sphere
  set Global refinement = 0
end
subsection Materials
  subsection particle
    include materials/$1
    $2
  end
end
subsection Boundary conditions
  set Flux boundaries =
end
subsection Electrochemistry
  set Reaction boundaries = surface
  set Control             = galvanostatic
end
PRM
}
n=0
for file in "$materials"/*.prm; do
  name=$(basename "$file")
  make_case "$name" ""
  if ! out=$("$executable" --validate "$work/run.prm" 2>&1); then
    echo "FAIL: $name: $out"
    exit 1
  fi
  n=$((n + 1))
done
[[ $n -ge 10 ]] || { echo "FAIL: only $n material files in $materials"; exit 1; }
# A later `set` overrides the library value: an out-of-range one is
# rejected with the entry's message.
make_case amorphous_si.prm "set Poisson ratio = 0.6"
if out=$("$executable" --validate "$work/run.prm" 2>&1); then
  echo "FAIL: an out-of-range override after the include was accepted"
  exit 1
fi
echo "$out" | grep -q "Poisson ratio must lie in" || {
  echo "FAIL: unexpected message for the override: $out"; exit 1; }
echo "PASS: $n material files validate"
