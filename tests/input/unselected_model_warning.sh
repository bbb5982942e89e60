#!/usr/bin/env bash
# A setting in the subsection of a model that is not selected is not an
# error: heterion warns on stderr (one line per setting, on rank 0 only,
# prefixed `heterion: warning: `) and goes on.
#
# Usage: unselected_model_warning.sh HETERION_EXECUTABLE MPIEXEC
set -euo pipefail
executable=$1
mpiexec=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_warning.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
cat >"$work/run.prm" <<'PRM'
set Dimension = 2
subsection Geometry
  set Model             = sphere
  set Global refinement = 1
  subsection Core-shell sphere
    set Core radius = 0
  end
end
subsection Disorder
  set Fields = noise
  subsection noise
    set Model = uniform
    subsection Gaussian random field
      set Correlation length = 1e-7
    end
  end
end
PRM
expected=(
  "heterion: warning: $work/run.prm, line 6: Geometry/Core-shell sphere/Core radius has no effect: it belongs to the model \`core-shell sphere\`, but Geometry/Model = sphere."
  "heterion: warning: $work/run.prm, line 14: Disorder/noise/Gaussian random field/Correlation length has no effect: it belongs to the model \`gaussian random field\`, but Disorder/noise/Model = uniform."
  "heterion: warning: --set 'Geometry/Box/Size=1e-6': Geometry/Box/Size has no effect: it belongs to the model \`box\`, but Geometry/Model = sphere."
)
for np in 1 2; do
  status=0
  "$mpiexec" -np $np "$executable" --validate --set "Output directory=$work/output" \
    --set "Geometry/Box/Size=1e-6" "$work/run.prm" >"$work/stdout" 2>"$work/stderr" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "FAIL: exit code $status on $np rank(s); stderr:"; cat "$work/stderr"; exit 1
  fi
  grep -Ev '^[[:space:]]*$|^(---|Primary job|mpirun)' "$work/stderr" >"$work/lines" || true
  printf '%s\n' "${expected[@]}" >"$work/expected"
  if ! diff -u "$work/expected" "$work/lines"; then
    echo "FAIL: the warnings on $np rank(s) differ from the expected ones (above)"; exit 1
  fi
  grep -q "valid" "$work/stdout" || { echo "FAIL: no 'valid' line on $np rank(s)"; exit 1; }
done
echo "PASS: one warning per setting of an unselected model, on rank 0 only"
