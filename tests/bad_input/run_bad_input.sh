#!/usr/bin/env bash
# Runs Heterion on one bad input and checks that it fails cleanly.
#
# Usage:
#   run_bad_input.sh HETERION_EXECUTABLE CASE.prm [validate|run]
#   run_bad_input.sh HETERION_EXECUTABLE --cli-missing-file
#   run_bad_input.sh HETERION_EXECUTABLE --cli-unknown-set
#
# A case file starts with a header comment block:
#   # Bad input: <what is wrong>
#   # expect: <substring that must appear in stderr>
#   # mode: run            (optional; default: validate)
#   # overrides: none      (optional; see below)
# The mode on the command line overrides the header. Unless the case sets
# `Output directory` itself, the run writes into a temporary directory
# (given with --set), but a case with `# overrides: none` is run without any
# --set (an input judged without overrides, which must fail before it
# writes anything).
#
# Checks: exit code non-zero and < 128 (no crash, no timeout); stderr contains
# the expected substring (fixed string, case-sensitive); stderr has no
# stack trace or abort message; stderr is one non-empty line (lines that
# start with `---`, `Primary job` or `mpirun` are MPI noise and ignored).
# Prints PASS or FAIL with the reasons; exits 0 on PASS, 1 on FAIL, 2 on a
# usage error.

set -euo pipefail

usage()
{
  echo "Usage: $0 HETERION_EXECUTABLE CASE.prm [validate|run]" >&2
  echo "       $0 HETERION_EXECUTABLE --cli-missing-file|--cli-unknown-set" >&2
  exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
executable=$1
target=$2
mode_argument=${3:-}
# Upper bound on the run time, so a hanging executable fails the case.
time_limit=${HETERION_BAD_INPUT_TIMEOUT:-120}

if [[ ! -x $executable ]]; then
  echo "FAIL: executable '$executable' not found or not executable"
  exit 1
fi

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/heterion_bad_input.XXXXXX")
trap 'rm -rf -- "$work_dir"' EXIT

# Header value of `# key: value` in the leading comment block of $1.
header_value()
{
  local file=$1 key=$2 line
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*# ]] || break
    if [[ $line =~ ^[[:space:]]*#[[:space:]]*${key}:[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]]; then
      printf '%s\n' "${BASH_REMATCH[1]}"
      return 0
    fi
  done <"$file"
  return 0
}

# A minimal valid 2D parameter file (for the CLI cases).
write_valid_prm()
{
  cat >"$1" <<'EOF'
set Dimension = 2
subsection Geometry
  set Model             = sphere
  set Global refinement = 1
end
EOF
}

name=
expect=
command=()
case $target in
  --cli-missing-file)
    name=cli-missing-file
    missing=$work_dir/no_such_file.prm
    expect="Cannot read the parameter file '$missing'"
    command=("$executable" --validate "$missing")
    ;;
  --cli-unknown-set)
    name=cli-unknown-set
    write_valid_prm "$work_dir/valid.prm"
    expect="--set 'Geometry/No such entry=1'"
    command=("$executable" --validate
             --set "Output directory=$work_dir/output"
             --set "Geometry/No such entry=1"
             "$work_dir/valid.prm")
    ;;
  -*)
    usage
    ;;
  *)
    name=$(basename -- "$target" .prm)
    if [[ ! -r $target ]]; then
      echo "FAIL $name: cannot read the case file '$target'"
      exit 1
    fi
    expect=$(header_value "$target" expect)
    if [[ -z $expect ]]; then
      echo "FAIL $name: the case file has no '# expect: ...' header line"
      exit 1
    fi
    mode=${mode_argument:-$(header_value "$target" mode)}
    mode=${mode:-validate}
    command=("$executable")
    case $mode in
      validate) command+=(--validate) ;;
      run) ;;
      *)
        echo "FAIL $name: unknown mode '$mode' (allowed: validate, run)"
        exit 1
        ;;
    esac
    if [[ $(header_value "$target" overrides) != none ]] \
         && ! grep -Eq '^[[:space:]]*set[[:space:]]+Output directory[[:space:]]*=' "$target"; then
      command+=(--set "Output directory=$work_dir/output")
    fi
    command+=("$target")
    ;;
esac

stdout_file=$work_dir/stdout
stderr_file=$work_dir/stderr
status=0
if command -v timeout >/dev/null 2>&1; then
  timeout --kill-after=10 "$time_limit" "${command[@]}" \
    </dev/null >"$stdout_file" 2>"$stderr_file" || status=$?
else
  "${command[@]}" </dev/null >"$stdout_file" 2>"$stderr_file" || status=$?
fi

reasons=()
if [[ $status -eq 0 ]]; then
  reasons+=("exit code 0 (the bad input was accepted)")
elif [[ $status -eq 124 ]] && command -v timeout >/dev/null 2>&1; then
  reasons+=("timed out after ${time_limit} s")
elif [[ $status -ge 128 ]]; then
  reasons+=("crashed: exit code $status (signal $((status - 128)))")
fi
if ! grep -Fq -- "$expect" "$stderr_file"; then
  reasons+=("stderr lacks the expected text: $expect")
fi
for bad in "Stacktrace" "An error occurred in line" "Aborting" "terminate called"; do
  if grep -Fq -- "$bad" "$stderr_file"; then
    reasons+=("stderr contains '$bad'")
  fi
done
# Non-empty stderr lines other than MPI noise.
n_lines=$(grep -Ev '^[[:space:]]*$|^(---|Primary job|mpirun)' "$stderr_file" | wc -l || true)
n_lines=${n_lines//[[:space:]]/}
if [[ $n_lines -gt 1 ]]; then
  reasons+=("stderr has $n_lines lines, expected one paragraph")
elif [[ $n_lines -eq 0 && $status -ne 0 ]]; then
  reasons+=("stderr is empty")
fi

if [[ ${#reasons[@]} -eq 0 ]]; then
  echo "PASS $name (exit code $status)"
  exit 0
fi

echo "FAIL $name"
for reason in "${reasons[@]}"; do
  echo "  - $reason"
done
printf '  command:'
printf ' %q' "${command[@]}"
echo
echo "  exit code: $status"
echo "  stderr:"
sed -e 's/^/    | /' "$stderr_file"
if [[ $status -eq 0 ]]; then
  echo "  stdout (last lines):"
  tail -n 5 "$stdout_file" | sed -e 's/^/    | /'
fi
exit 1
