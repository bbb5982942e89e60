"""Shared helpers of the postprocess/ scripts: reading Heterion's CSV files
and importing matplotlib (re-running the script with Debian's
/usr/bin/python3 when the first python3 on PATH lacks it)."""
import csv
import os
import sys


def import_pyplot(script):
    """Returns matplotlib.pyplot with the Agg back end."""
    try:
        import matplotlib
    except ImportError:
        if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        sys.exit("%s: matplotlib is missing; install python3-matplotlib" % script)
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def read_columns(path):
    """The columns of a Heterion CSV file, by header name, as floats."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {key: [float(row[key]) for row in rows] for key in rows[0]} if rows else {}
