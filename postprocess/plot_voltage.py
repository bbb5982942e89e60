#!/usr/bin/env python3
"""Plots voltage against the state of charge and against time for one or
more Heterion runs with Butler-Volmer kinetics (statistics.csv with the
columns voltage and soc), e.g. the same particle at several C-rates.

Usage: plot_voltage.py PNG_FILE OUTPUT_DIRECTORY [OUTPUT_DIRECTORY ...]

Each directory is one curve, labelled by its name. The state of charge is
the lithium in the body over its capacity (the column soc), so curves of
different bodies and sectors compare directly; the charge passed in A h
is the column capacity. Reads only the output files. Needs numpy and
matplotlib (Debian: python3-matplotlib); when the first python3 on PATH
lacks them, the script re-runs itself with /usr/bin/python3.
"""
import os
import sys

from heterion_output import Output, import_pyplot

plt = import_pyplot("plot_voltage.py")


def main():
    """Reads the output directories of the command line and writes the PNG."""
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    png = sys.argv[1]
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for directory in sys.argv[2:]:
        stats = Output(directory).statistics
        if stats is None:
            sys.exit("%s has no statistics.csv" % directory)
        missing = [c for c in ("voltage", "soc", "time") if c not in stats]
        if missing:
            sys.exit("%s/statistics.csv has no column %s: was the run made with "
                     "Electrochemistry/Reaction boundaries set?" % (directory, ", ".join(missing)))
        label = os.path.basename(os.path.normpath(directory))
        left.plot(stats["soc"], stats["voltage"], label=label)
        right.plot(stats["time"], stats["voltage"], label=label)
    left.set_xlabel("state of charge [-]")
    right.set_xlabel("time [s]")
    for ax in (left, right):
        ax.set_ylabel("voltage [V vs Li/Li+]")
        ax.grid(True, alpha=0.3)
        ax.legend()
    figure.tight_layout()
    figure.savefig(png, dpi=120)
    print("wrote", png)


if __name__ == "__main__":
    main()
