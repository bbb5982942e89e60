#!/usr/bin/env bash
# Runs one integration case with the real executable at 1 and 2 MPI ranks and
# compares a compact summary (statistics.csv without iteration counts, and
# probes.csv; or effective_properties.csv of the homogenisation mode) with the expected output (relative 1e-8) and the two runs with
# each other (relative 1e-10). The direct solver is used, so that the two
# runs differ only by round-off.
#
# Usage: run_case.sh HETERION MPIEXEC CASE.prm EXPECTED_DIR WORK_DIR
set -euo pipefail
heterion=$1 mpiexec=$2 case_file=$3 expected=$4 work=$5
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
# A private Open MPI session tree (see solver/mpi_session.h): two cases that
# ctest -j starts at once would race on creating the shared one.
if [ -z "${OMPI_MCA_orte_tmpdir_base:-}" ]; then
  session_dir=$(mktemp -d)
  trap 'rm -rf "$session_dir"' EXIT
  export OMPI_MCA_orte_tmpdir_base=$session_dir
fi
name=$(basename "$case_file" .prm)
# Relative data paths are resolved next to the parameter file, then in the
# working directory: the repository root.
cd "$(dirname "$0")/../.."
rm -rf "$work"
mkdir -p "$work"

summarize() { # directory -> summary file
  if [ -f "$1/effective_properties.csv" ]; then # the homogenisation mode
    cp "$1/effective_properties.csv" "$1/summary.txt"; return
  fi
  {
    # step ... theta_surface_mean, and the electrode's columns if present
    # (no iteration counts).
    awk -F, 'NR == 1 { for (i = 1; i <= NF; ++i)
                         keep[i] = i <= 12 || $i ~ /^(current|voltage|capacity|soc|specific_capacity|protocol_step|cycle)$/ }
             { line = ""
               for (i = 1; i <= NF; ++i) if (keep[i]) line = line (line == "" ? "" : ",") $i
               print line }' "$1/statistics.csv"
    if [ -s "$1/probes.csv" ]; then cat "$1/probes.csv"; fi
    if [ -s "$1/cycles.csv" ]; then cat "$1/cycles.csv"; fi
  } > "$1/summary.txt"
}

for np in 1 2; do
  "$mpiexec" -np $np "$heterion" --set "Output directory=$work/np$np" \
    --set "Output/Quiet=true" --set "Linear solver/Method=direct" "$case_file" > "$work/np$np.log" 2>&1 || {
    echo "FAIL: $name at $np rank(s) exited with an error:"; cat "$work/np$np.log"; exit 1; }
  summarize "$work/np$np"
  # The simulator warns when the lithium balance is off; a test fails.
  if grep -q "warning: the lithium balance" "$work/np$np.log"; then
    echo "FAIL: $name at $np rank(s): $(grep "warning: the lithium balance" "$work/np$np.log")"; exit 1
  fi
done

status=0
numdiff -s ', \t\n' -q -r 1e-10 -a 1e-300 "$work/np1/summary.txt" "$work/np2/summary.txt" > "$work/np1_vs_np2.diff" || {
  echo "FAIL: $name: 1 and 2 ranks differ by more than 1e-10 relative:"
  numdiff -s ', \t\n' -r 1e-10 -a 1e-300 "$work/np1/summary.txt" "$work/np2/summary.txt" | head -20; status=1; }
if [ "${HETERION_UPDATE_EXPECTED:-0}" = 1 ]; then
  cp "$work/np1/summary.txt" "$expected/$name.summary"
fi
numdiff -s ', \t\n' -q -r 1e-8 -a 1e-20 "$work/np1/summary.txt" "$expected/$name.summary" > /dev/null || {
  echo "FAIL: $name: output differs from $expected/$name.summary:"
  numdiff -s ', \t\n' -r 1e-8 -a 1e-20 "$work/np1/summary.txt" "$expected/$name.summary" | head -20; status=1; }
[ $status = 0 ] && echo "PASS: $name (1 and 2 ranks agree; matches expected output)"
exit $status
