# Shared helpers of the checkpoint tests (sourced). Arguments of every
# script: HETERION MPIEXEC PYTHON.
set -euo pipefail
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
heterion=$1
mpiexec=$2
python=$3
shift 3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tests=$(dirname "$here")
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_checkpoint.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# run RANKS EXPECTED_EXIT ARGS...: runs heterion on RANKS ranks and checks
# its exit code (stdout and stderr in $work/last.log).
run() {
  local ranks=$1 expected=$2 status=0
  shift 2
  if [ "$ranks" = 1 ]; then
    "$heterion" "$@" > "$work/last.log" 2>&1 || status=$?
  else
    "$mpiexec" -np "$ranks" "$heterion" "$@" > "$work/last.log" 2>&1 || status=$?
  fi
  if [ "$status" != "$expected" ]; then
    cat "$work/last.log"
    fail "exit code $status, expected $expected: heterion $*"
  fi
}
compare() { "$python" "$here/compare_runs.py" "$@" || fail "the outputs differ"; }
# The step of the newest checkpoint in DIR.
latest_step() { sed -n 's/^step_0*//p' "$1/checkpoint/latest"; }
