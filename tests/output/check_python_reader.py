#!/usr/bin/env python3
"""Checks postprocess/heterion_output.py (the Output reader) on the output
of tests/output/python_reader_disc.prm: a 2D disc of radius R = 5 um, Q1 on
80 cells (the VTU cells are the mesh cells, with straight edges; the solver
curves them with its Q2 mapping), initial theta = 0.2, a constant inward
molar flux, output every 200 s, probes at (0, 0) and (R, 0).

Asserts that
 1. Output.times are the output times that statistics.csv and the
    documented rule give (t = 0, the first step at or after each multiple
    of the interval, the end time);
 2. Snapshot.integrate("concentration") equals li_inventory of the same
    time: exactly (to Float32) for the uniform initial state once the
    area of the straight-sided VTU mesh is accounted for, and to the
    geometric error of that mesh at the last output time;
 3. the units of time, li_inventory and theta_mean are s, mol/m (2D: per
    metre of depth, doc/output.md) and 1;
 4. probes.csv has one row per probe point and output time, and each
    probe's c equals the VTU value at the mesh vertex it sits on.

Usage: check_python_reader.py OUTPUT_DIR
Exit code 0 when all hold, 1 otherwise (every check is printed)."""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "postprocess"))
from heterion_output import Output, require_debian_python  # noqa: E402

require_debian_python(__file__, ("numpy", "vtk"))
import numpy as np  # noqa: E402

RADIUS = 5e-6             # Geometry/Sphere/Radius
C_MAX = 2.29e4            # Maximum concentration
THETA_0 = 0.2             # Initial state of charge
INTERVAL = 200.0          # Output interval
PROBES = [(0.0, 0.0), (RADIUS, 0.0)]
FLOAT32 = 1e-6            # relative accuracy of the Float32 VTU data, with margin
# The integral of concentration over the last snapshot against
# li_inventory (see 2b in main()): measured -2.558e-2, of which -2.546e-2
# is the area the straight-sided VTU mesh lacks; tolerance 3e-2.
TOLERANCE_RAW = 3e-2
# The same with the VTU integral scaled by solver area / VTU area:
# measured -1.28e-4 (-7.2e-5 at t = 200 s, -1.22e-4 at 400 s); 5e-4.
TOLERANCE_AREA_SCALED = 5e-4

failures = []


def check(ok, message):
    """Prints one check and remembers a failure."""
    print("%s %s" % ("ok  " if ok else "FAIL", message))
    if not ok:
        failures.append(message)


def relative(a, b):
    """|a - b| / |b|."""
    return abs(a - b) / abs(b)


def expected_output_times(times, interval):
    """The output times doc/output.md promises for the step times `times`:
    t = 0, the first step at or after each multiple of the interval, and
    the end time."""
    result, k = [times[0]], 1
    for t in times[1:]:
        if t >= k * interval * (1 - 1e-12):
            result.append(t)
            k = math.floor(t / interval * (1 + 1e-12)) + 1
    if result[-1] != times[-1]:
        result.append(times[-1])
    return np.array(result)


def boundary_polygon_area(points):
    """The area of the polygon through the output points on the circle
    r = RADIUS, in angular order (shoelace formula)."""
    r = np.hypot(points[:, 0], points[:, 1])
    ring = points[np.abs(r - RADIUS) < 1e-6 * RADIUS][:, :2]
    angles = np.round(np.arctan2(ring[:, 1], ring[:, 0]), 9)
    _, first = np.unique(angles, return_index=True)  # shared vertices once
    x, y = ring[first, 0], ring[first, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))), len(first)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Output(sys.argv[1])
    print(out)
    stats, probes = out.statistics, out.probes

    # 3. Units (doc/output.md; 2D: amounts per metre of depth).
    check(out.dimension == 2, "dimension %s from parameters.prm" % out.dimension)
    for name, unit in (("time", "s"), ("li_inventory", "mol/m"), ("theta_mean", "1"),
                       ("c_mean", "mol/m³"), ("step", "-")):
        check(stats.units[name] == unit, "unit of %s: %r (expected %r)"
              % (name, stats.units[name], unit))
    check(probes.units["c"] == "mol/m³" and probes.units["x"] == "m",
          "units of probes.csv c, x: %r, %r" % (probes.units["c"], probes.units["x"]))

    # 1. Output times.
    expected = expected_output_times(stats["time"], INTERVAL)
    check(len(out.times) >= 3 and len(out.times) == len(expected)
          and np.allclose(out.times, expected, rtol=1e-9, atol=0),
          "times %s = statistics times at output %s" % (list(out.times), list(expected)))
    check(out.surface_times is None, "no surface.pvd without kinetics")
    check(out.snapshot(time=0.45 * INTERVAL).time == out.times[0]
          and out.snapshot(time=1.1 * INTERVAL).time == out.times[1],
          "snapshot(time=t) picks the nearest output time")

    # 2a. Initial state: c = THETA_0 C_MAX everywhere, so the integral over
    # the VTU mesh is exact: THETA_0 C_MAX times the area of the straight-
    # sided mesh, the 16-gon through the boundary vertices. The solver's
    # area (li_inventory / c_mean) is that of the Q2-curved cells, close
    # to pi R^2. The ratio of the two areas is the ratio of the integrals.
    first = out.snapshot(0)
    row = stats.nearest("time", first.time)
    c = first.fields["concentration"]
    check(np.allclose(c, THETA_0 * C_MAX, rtol=FLOAT32, atol=0),
          "initial concentration uniform %.6g mol/m^3" % (THETA_0 * C_MAX))
    polygon, corners = boundary_polygon_area(first.points)
    area = first.measure()
    check(relative(area, polygon) < FLOAT32,
          "VTU mesh area %.9g m^2 = area of the %d-gon through the boundary vertices %.9g"
          % (area, corners, polygon))
    solver_area = stats["li_inventory"][row] / stats["c_mean"][row]
    check(relative(solver_area, math.pi * RADIUS ** 2) < 1e-4,
          "solver area %.9g m^2 = pi R^2 %.9g (Q2 mapping)" % (solver_area, math.pi * RADIUS ** 2))
    integral = first.integrate("concentration")
    check(relative(integral, THETA_0 * C_MAX * polygon) < FLOAT32,
          "t = 0: integral of concentration %.9g mol/m = c0 x 16-gon area" % integral)
    check(relative(integral / stats["li_inventory"][row], polygon / solver_area) < FLOAT32,
          "t = 0: integral / li_inventory %.9f = VTU area / solver area %.9f"
          % (integral / stats["li_inventory"][row], polygon / solver_area))

    # 2b. Last output time, c from 5797 (centre) to 8192 mol/m^3 (surface).
    # The VTU cells are straight-sided (Q1: one sub-cell per cell, the
    # mesh vertices only); the solver integrates over the same cells
    # curved by its Q2 mapping. The written mesh is the 16-gon through the
    # boundary vertices, 1 - 8 sin(pi/8) / pi = 2.55 % smaller than the
    # disc, and this geometric error dominates: the integral falls short
    # of li_inventory by -2.558e-2 (measured), -2.546e-2 of which is the
    # area ratio (the same as at t = 0). A tolerance of 3e-2 holds that
    # with a margin and fails for a wrong snapshot (the inventory differs
    # by 11 % between output times), field or length unit.
    last = out.snapshot(-1)
    row = stats.nearest("time", last.time)
    inventory = stats["li_inventory"][row]
    integral = last.integrate("concentration")
    difference = (integral - inventory) / inventory
    check(abs(difference) < TOLERANCE_RAW,
          "t = %g s: integral of concentration %.9g mol/m vs li_inventory %.9g mol/m: "
          "relative difference %.3e (tolerance %.0e; VTU area / solver area - 1 = %.3e)"
          % (last.time, integral, inventory, difference, TOLERANCE_RAW,
             polygon / solver_area - 1))
    # Scaled by the area ratio, the integral compares the mean of c over
    # the written mesh with c_mean of the solver. What is left (measured
    # -1.28e-4; -7.2e-5 at 200 s, -1.22e-4 at 400 s, 0 for the uniform
    # state) comes from the curved cells: the Q2 mapping bends the edges
    # and so moves area between the parts of each cell where c differs. It
    # grows with the variation of c across a cell; 5e-4 bounds it here.
    # Float32 rounding (~1e-7) and VTK's split of each quadrilateral into
    # two triangles (whose error cancels on this mirror-symmetric mesh and
    # field) are far smaller.
    scaled = integral * solver_area / polygon
    check(relative(scaled, inventory) < TOLERANCE_AREA_SCALED,
          "t = %g s: integral x solver area / VTU area %.9g mol/m vs li_inventory: "
          "relative difference %.3e (tolerance %.0e)"
          % (last.time, scaled, relative(scaled, inventory), TOLERANCE_AREA_SCALED))
    flux = last.integrate("lithium_flux")
    check(np.shape(flux) == (3,), "integral of the vector lithium_flux: 3 components "
          "(VTK pads 2D vectors)")

    # 4. Probes: one row per point and output time; c at a mesh vertex is
    # the nodal value, which the VTU holds too (as Float32).
    check(len(probes) == len(PROBES) * len(out.times),
          "probes.csv: %d rows = %d points x %d output times"
          % (len(probes), len(PROBES), len(out.times)))
    check(np.allclose(probes.points, PROBES, atol=1e-15),
          "probe points %s" % probes.points.tolist())
    for i, point in enumerate(PROBES):
        rows = probes.at(i)
        check(np.array_equal(rows["time"], out.times),
              "probe %d: rows at the output times" % i)
        for k, t in enumerate(out.times):
            snapshot = first if k == 0 else last if k == len(out.times) - 1 else out.snapshot(k)
            nearest = np.argmin(np.hypot(snapshot.points[:, 0] - point[0],
                                         snapshot.points[:, 1] - point[1]))
            value = snapshot.fields["concentration"][nearest]
            check(relative(rows["c"][k], value) < FLOAT32
                  and relative(rows["theta"][k], value / C_MAX) < FLOAT32,
                  "probe %d, t = %g s: c %.9g = VTU %.9g, theta %.9g"
                  % (i, t, rows["c"][k], value, rows["theta"][k]))
    check(probes.at(1)["c"][-1] > probes.at(0)["c"][-1],
          "the surface probe is fuller than the centre at the end")

    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
