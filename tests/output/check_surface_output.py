#!/usr/bin/env python3
"""Checks the reaction-surface output (surface.pvd) of a 2D run against
statistics.csv: the integral of interface_current_density over the written
surface segments equals `current` of the same time, and phi_s equals the
electrode potential `voltage` at the contact end x = 0 (psi = 0 there).

Usage: check_surface_output.py OUTPUT_DIR [RELATIVE_TOLERANCE]
Exit code 0 when both hold, 1 otherwise (the numbers are printed)."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "postprocess"))
from plot_field import VtuFile  # noqa: E402  (re-runs with /usr/bin/python3 if needed)
from heterion_output import read_columns  # noqa: E402

VTK_LINE = 3


def main():
    directory = sys.argv[1]
    tolerance = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-3
    with open(os.path.join(directory, "surface.pvd")) as f:
        records = re.findall(r'timestep="([^"]+)"[^>]*file="([^"]+)"', f.read())
    time, last = float(records[-1][0]), records[-1][1]
    with open(os.path.join(directory, last)) as f:
        pieces = re.findall(r'Source="([^"]+)"', f.read())
    total, phi_at_contact, x_min = 0.0, None, float("inf")
    for name in pieces:
        vtu = VtuFile(os.path.join(directory, name))
        current = vtu.field("interface_current_density")[:, 0]
        phi = vtu.field("phi_s")[:, 0]
        start = 0
        for end, kind in zip(vtu.offsets, vtu.types):
            if kind != VTK_LINE:
                sys.exit("unexpected VTK cell type %d in %s" % (kind, name))
            a, b = vtu.connectivity[start], vtu.connectivity[end - 1]
            # The coordinates are in the file's length unit.
            length = vtu.length_unit * sum(
                (vtu.points[a][d] - vtu.points[b][d]) ** 2
                for d in range(3)) ** 0.5
            total += 0.5 * length * (current[a] + current[b])
            start = end
        i = int(vtu.points[:, 0].argmin())
        if vtu.points[i][0] < x_min:
            x_min, phi_at_contact = vtu.points[i][0], phi[i]
    stats = read_columns(os.path.join(directory, "statistics.csv"))
    row = min(range(len(stats["time"])), key=lambda n: abs(stats["time"][n] - time))
    expected, voltage = stats["current"][row], stats["voltage"][row]
    error = abs(total - expected) / abs(expected)
    print("t = %g s: integral of interface_current_density %.9g A/m, "
          "current %.9g A/m (relative difference %.2e); phi_s(x = %g) = %.9f V, "
          "voltage %.9f V" % (time, total, expected, error, x_min,
                              phi_at_contact, voltage))
    ok = error <= tolerance and abs(phi_at_contact - voltage) <= 1e-6
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
