#!/usr/bin/env bash
# A full disk: the output directory is a small tmpfs. The run stops with a
# message that names the file and says the disk is full; statistics.csv ends
# with a complete row; no temporary file is left. Needs root and mount
# (else skipped: exit code 77).
# Usage: disk_full.sh HETERION
source "$(dirname "$0")/common.sh"
heterion=$1
out=$work/full
mkdir -p "$out"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=160k tmpfs "$out" 2>/dev/null; then
  echo "SKIPPED: mounting a tmpfs needs root"; exit 77
fi
trap 'umount "$out" 2>/dev/null; rm -rf -- "$work"' EXIT
status=0
"$heterion" --set "Output directory=$out" "$case_file" > "$work/stdout" 2> "$work/stderr" || status=$?
cat "$work/stderr"
[ $status = 1 ] || fail "exit code $status, expected 1"
grep -q "the disk is full" "$work/stderr" || fail "the message does not say the disk is full"
grep -q "Cannot write the file '$out/" "$work/stderr" || fail "the message does not name the file"
[ "$(broken_rows "$out/statistics.csv")" = 0 ] || fail "statistics.csv ends with a partial row"
leftovers=$(find "$out" -name '*.tmp.*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"
echo "PASS: disk full after $(($(wc -l < "$out/statistics.csv") - 1)) steps; rows complete"
