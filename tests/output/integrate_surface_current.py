"""Integrates the reaction-surface output of a run with ParaView's
Integrate Variables, as a user would, and compares with the `current` of
statistics.csv at the same time. The per-cell field face_mean_current_density
(the kinetics' own integral over each cell's reaction faces divided by the
written area; point data constant on each face's patch) must give the
current to Float32 precision; the point field
interface_current_density differs by the error of interpolating it linearly
between the written points, printed for the record.

Usage: pvpython integrate_surface_current.py OUTPUT_DIR [TOLERANCE]
Prints the numbers and a last line `RESULT: PASS` or `RESULT: FAIL`."""
import csv
import sys

from paraview import simple, servermanager

directory = sys.argv[1]
tolerance = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-5
with open(directory + "/statistics.csv") as f:
    rows = list(csv.DictReader(f))
current = {float(r["time"]): float(r["current"]) for r in rows}

reader = simple.PVDReader(FileName=directory + "/surface.pvd")
integral = simple.IntegrateVariables(Input=reader)
failures = []
for time in reader.TimestepValues[1:]:
    integral.UpdatePipeline(time)
    data = servermanager.Fetch(integral)
    block = data.GetBlock(0) if data.IsA("vtkMultiBlockDataSet") else data
    reader.UpdatePipeline(time)
    pieces = servermanager.Fetch(reader)
    piece = pieces.GetBlock(0) if pieces.IsA("vtkMultiBlockDataSet") else pieces
    unit = piece.GetFieldData().GetArray("length_unit_in_metres").GetValue(0)
    # The written coordinates are in `unit`: areas in unit^2.
    scale = unit ** 2
    # deal.II writes per-cell data as point data, constant on each patch.
    cells = block.GetPointData().GetArray("face_mean_current_density").GetValue(0) * scale
    points = block.GetPointData().GetArray("interface_current_density").GetValue(0) * scale
    expected = min(current, key=lambda t: abs(t - time))
    exact = current[expected]
    print("t = %g s: current %.9e A; Integrate Variables of the cell field "
          "%.9e A (%+.2e), of the point field %.9e A (%+.2e)"
          % (time, exact, cells, cells / exact - 1, points, points / exact - 1))
    if abs(cells / exact - 1) > tolerance:
        failures.append("t = %g s: the cell field integrates to %+.2e of the "
                        "current" % (time, cells / exact - 1))
for f in failures:
    print("FAIL: " + f)
print("RESULT: " + ("FAIL" if failures else "PASS"), flush=True)
