#!/usr/bin/env python3
"""Plots the stresses of a Heterion run with mechanics to PNG.

Usage: plot_stresses.py OUTPUT_DIRECTORY [PNG_FILE] [COMPONENT ...]

Left: the peak stresses over time from statistics.csv (sigma_h_min,
sigma_h_max, sigma_vm_max, sigma_1_max) in MPa. Right (when probes.csv has
points): the stress components of probes.csv (default sigma_xx and sigma_yy,
i.e. radial and hoop stress for probes on the x axis) against the probe's
distance from the origin, one curve per output time: the radial stress
profile when the probes lie along a radius. Also prints, for each probe and
component, the extreme value over the output times (e.g. the peak hoop
stress at an interface probe). Reads only the output files.
Needs numpy and matplotlib (Debian: python3-matplotlib); when the first
python3 on PATH lacks them, the script re-runs itself with /usr/bin/python3.
"""
import os
import sys

from heterion_output import Output, import_pyplot

plt = import_pyplot("plot_stresses.py")

import numpy as np  # noqa: E402  (import_pyplot made sure it is there)

PEAKS = ["sigma_h_min", "sigma_h_max", "sigma_vm_max", "sigma_1_max"]


def main():
    """Reads the output directory of the command line and writes the PNG."""
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    png = sys.argv[2] if len(sys.argv) > 2 else os.path.join(directory, "stresses.png")
    components = sys.argv[3:] or ["sigma_xx", "sigma_yy"]
    output = Output(directory)
    stats, probes = output.statistics, output.probes
    if stats is None:
        sys.exit("plot_stresses.py: %s has no statistics.csv" % directory)
    if not all(name in stats for name in PEAKS):
        sys.exit("plot_stresses.py: %s/statistics.csv has no stress columns "
                 "(was the run made with `Mechanics/Enable = true`?)" % directory)
    has_probes = probes is not None and len(probes) > 0
    for name in components:
        if has_probes and name not in probes:
            sys.exit("plot_stresses.py: probes.csv has no column '%s'" % name)

    figure, axes = plt.subplots(1, 2 if has_probes else 1,
                                figsize=(11 if has_probes else 6, 4), squeeze=False)
    left = axes[0][0]
    for name in PEAKS:
        left.plot(stats["time"], stats[name] / 1e6, label=name)
    left.set_xlabel("time [s]")
    left.set_ylabel("stress [MPa]")
    left.set_title("peak stresses")
    left.legend()

    if has_probes:
        right = axes[0][1]
        dims = [d for d in ("x", "y", "z") if d in probes]
        for t in np.unique(probes["time"]):
            rows = probes.where("time", t)
            distance = np.sqrt(sum(rows[d] ** 2 for d in dims))
            order = np.argsort(distance, kind="stable")
            for style, name in zip(["-", "--", ":", "-."], components):
                right.plot(distance[order] * 1e6, rows[name][order] / 1e6,
                           style, marker="o", label="%s, t = %g s" % (name, t))
        right.set_xlabel("distance from the origin [um]")
        right.set_ylabel("stress [MPa]")
        right.set_title("stress at the probes")
        right.legend(fontsize="x-small")
    figure.tight_layout()
    figure.savefig(png, dpi=120)
    print("wrote", png)
    if has_probes:
        print_probe_extremes(probes, components)


def print_probe_extremes(probes, components):
    """Prints the value of largest magnitude of each component per probe."""
    for probe, point in enumerate(probes.points):
        rows = probes.at(probe)
        where = ", ".join("%g" % x for x in point)
        for name in components:
            peak = int(np.argmax(np.abs(rows[name])))
            print("probe %d (%s): peak %s %.4g MPa at t = %g s"
                  % (probe, where, name, rows[name][peak] / 1e6, rows["time"][peak]))


if __name__ == "__main__":
    main()
