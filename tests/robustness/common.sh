# Shared helpers of the robustness tests (sourced).
set -euo pipefail
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case_file=$here/disc.prm
work=$(mktemp -d "${TMPDIR:-/tmp}/heterion_robustness.XXXXXX")
cleanup_dirs=("$work")
trap 'for d in "${cleanup_dirs[@]}"; do rm -rf -- "$d"; done' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# Rows of statistics.csv whose field count differs from the header's.
broken_rows() {
  awk -F, 'NR == 1 { n = NF; next } NF != n { bad++ } END { print bad + 0 }' "$1"
}
# Waits until FILE has at least N lines (or 60 s).
wait_for_lines() {
  local file=$1 n=$2 i
  for i in $(seq 600); do
    [ -f "$file" ] && [ "$(wc -l < "$file")" -ge "$n" ] && return 0
    sleep 0.1
  done
  return 1
}
