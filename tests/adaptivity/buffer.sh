#!/usr/bin/env bash
# `Buffer layers` widens the refined zone: after the initial adaptations
# (2, to the surface layer of the initial state) the sharp-front disc has
# more cells with one buffer layer than without it, and more again with two.
# Usage: buffer.sh HETERION
set -euo pipefail
heterion=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_adaptivity.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
cells() { sed -n 's/^Heterion: 2D, \([0-9]*\) cells.*/\1/p' "$1"; }
for layers in 0 1 2; do
  "$heterion" --set "Output directory=$work/$layers" --set "Time stepping/End time=0.5" \
    --set "Time stepping/Time step=0.5" --set "Adaptive refinement/Buffer layers=$layers" \
    "$here/front_disc.prm" > "$work/$layers.log"
done
n0=$(cells "$work/0.log") n1=$(cells "$work/1.log") n2=$(cells "$work/2.log")
[ -n "$n0" ] && [ "$n1" -gt "$n0" ] && [ "$n2" -gt "$n1" ] \
  || { echo "FAIL: cells with 0, 1, 2 buffer layers: $n0, $n1, $n2"; exit 1; }
echo "PASS: cells with 0, 1, 2 buffer layers: $n0, $n1, $n2"
