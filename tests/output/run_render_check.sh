#!/usr/bin/env bash
# Runs the 50 nm particle (nanoparticle.prm) with the default length unit and
# renders it with ParaView off screen (render_nanoparticle.py): the surface
# must come out shaded, and the pieces must carry the length unit (nm) as
# field data. ParaView's Python under xvfb-run is retried up to three times
# when it dies without a verdict (the virtual X server is not always ready).
# Skipped (exit code 77) when pvpython or xvfb-run is missing.
# Usage: run_render_check.sh HETERION WORK_DIR
set -uo pipefail
heterion=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v pvpython > /dev/null || ! command -v xvfb-run > /dev/null; then
  echo "SKIPPED: pvpython or xvfb-run missing (Debian: paraview python3-paraview xvfb)"
  exit 77
fi
rm -rf "$work"
"$heterion" --set "Output directory=$work/run" "$here/nanoparticle.prm" || exit 1
for attempt in 1 2 3; do
  xvfb-run -a -s "-screen 0 1024x768x24" pvpython "$here/render_nanoparticle.py" \
    "$work/run" "$work/nanoparticle.png" 1e-9 > "$work/render.log" 2>&1
  if grep -q "^RESULT: " "$work/render.log"; then
    grep -E "^(length_unit|body pixels|FAIL)" "$work/render.log"
    grep -q "^RESULT: PASS" "$work/render.log" && { echo "PASS"; exit 0; }
    echo "FAIL (picture: $work/nanoparticle.png)"; exit 1
  fi
  echo "attempt $attempt: pvpython gave no verdict; retrying"
  sleep 2
done
echo "FAIL: pvpython gave no verdict in three attempts:"; tail -20 "$work/render.log"; exit 1
