#!/usr/bin/env bash
# An ensemble with failing realisations (ensemble_disc.prm): it goes on after
# a failure, ensemble.csv holds the finished ones, ensemble_failures.csv the
# failed seeds with their messages, ensemble_summary.csv counts the finished
# ones, and the exit code is 1 with a message that lists the failures.
# Usage: ensemble_failures.sh HETERION
source "$(dirname "$0")/common.sh"
heterion=$1
out=$work/out
n=8
status=0
"$heterion" --realisations $n --set "Output directory=$out" "$here/ensemble_disc.prm" \
  > "$work/stdout" 2> "$work/stderr" || status=$?
cat "$work/stderr"
[ $status = 1 ] || fail "exit code $status, expected 1"
ok=$(($(wc -l < "$out/ensemble.csv") - 1))
failed=$(($(grep -c '^[0-9]' "$out/ensemble_failures.csv") ))
[ "$ok" -ge 1 ] && [ "$failed" -ge 1 ] || fail "expected both finished ($ok) and failed ($failed) realisations"
[ $((ok + failed)) = $n ] || fail "$ok finished + $failed failed != $n"
grep -q "Diffusivity" "$out/ensemble_failures.csv" || fail "the failures do not carry their message"
summary_n=$(awk -F, 'NR == 2 { print $2 }' "$out/ensemble_summary.csv")
[ "$summary_n" = "$ok" ] || fail "the summary counts $summary_n, expected $ok"
grep -q "Ensemble: $failed of $n realisations failed" "$work/stderr" || fail "no summary of the failures"
# The finished rows are in realisation order.
sort -t, -k1,1n -c <(tail -n +2 "$out/ensemble.csv") || fail "ensemble.csv is not in order"
echo "PASS: $ok finished, $failed failed, exit code 1"
