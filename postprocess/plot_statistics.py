#!/usr/bin/env python3
"""Plots a Heterion run's statistics.csv (and probes.csv when present) to PNG.

Usage: plot_statistics.py OUTPUT_DIRECTORY [PNG_FILE]

Writes theta mean/min/max/surface over time and, if probes.csv exists, the
concentration at every probe over time. Reads only the output files.
Needs numpy and matplotlib (Debian: python3-matplotlib); when the first
python3 on PATH lacks them, the script re-runs itself with /usr/bin/python3.
"""
import os
import sys

from heterion_output import Output, import_pyplot

plt = import_pyplot("plot_statistics.py")


def main():
    """Reads the output directory of the command line and writes the PNG."""
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    png = sys.argv[2] if len(sys.argv) > 2 else os.path.join(directory, "statistics.png")
    output = Output(directory)
    stats, probes = output.statistics, output.probes
    if stats is None:
        sys.exit("plot_statistics.py: %s has no statistics.csv" % directory)
    has_probes = probes is not None and len(probes) > 0
    figure, axes = plt.subplots(1, 2 if has_probes else 1, figsize=(11 if has_probes else 6, 4),
                                squeeze=False)
    ax = axes[0][0]
    for key, label in [("theta_mean", "mean"), ("theta_min", "min"), ("theta_max", "max"),
                       ("theta_surface_mean", "surface mean")]:
        ax.plot(stats["time"], stats[key], label=label)
    ax.set_xlabel("time [s]")
    ax.set_ylabel("state of charge theta [-]")
    ax.legend()
    ax.grid(True, alpha=0.3)
    if has_probes:
        ax = axes[0][1]
        for probe, point in enumerate(probes.points):
            rows = probes.at(probe)
            where = ", ".join("%.3g" % x for x in point)
            ax.plot(rows["time"], rows["c"], marker="o",
                    label="probe %d (%s) m" % (probe, where))
        ax.set_xlabel("time [s]")
        ax.set_ylabel("concentration c [mol/m^3]")
        ax.legend(fontsize=8)
        ax.grid(True, alpha=0.3)
    figure.tight_layout()
    figure.savefig(png, dpi=120)
    print("wrote", png)


if __name__ == "__main__":
    main()
