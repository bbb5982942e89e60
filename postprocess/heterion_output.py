#!/usr/bin/env python3
"""Reading a Heterion output directory in Python (doc/output.md).

    from heterion_output import Output
    out = Output("output/default")
    print(out)                                  # what the directory holds
    t, theta = out.statistics["time"], out.statistics["theta_mean"]
    out.statistics.units["li_inventory"]        # 'mol' ('mol/m' in 2D)
    centre = out.probes.at(0)                   # the rows of probe point 0
    last = out.snapshot(-1)                     # the last VTU output time
    last.fields["concentration"]                # numpy array, one per point
    last.integrate("concentration")             # ~ li_inventory at last.time

Everything is read lazily, when first used. The CSV files become `Table`s
(numpy columns by header name, with units); the VTU output is read with
VTK (Debian: python3-paraview or python3-vtk9). `Output(path).snapshot(i)` needs numpy and vtk,
the tables only numpy.

The module also holds the helpers of the postprocess/ scripts:
`require_debian_python` re-runs a script with Debian's /usr/bin/python3
when the first python3 on PATH lacks numpy, vtk or matplotlib;
`import_pyplot` and `read_columns` are kept for older scripts.
Run as a script, it prints the summary of the directories given.
"""
import csv
import functools
import glob
import importlib.util
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

try:
    import numpy as np
except ImportError:  # only require_debian_python/read_columns work then
    np = None

DEBIAN_PYTHON = "/usr/bin/python3"

# Units of the CSV columns, transcribed from the tables of doc/output.md:
# "-" for counts, indices and labels (the documentation's "–"), "1" for
# dimensionless ratios; None (from Table.units) for a column not listed.
# A pair is (3D unit, 2D unit): in 2D, integrated quantities are per metre
# of depth in z.
_PER_METRE = {"mol": "mol/m", "J": "J/m", "A": "A/m", "A h": "A h/m"}
STATISTICS_UNITS = {
    "step": "-", "time": "s", "dt": "s", "li_inventory": "mol",
    "li_inflow_total": "mol", "c_mean": "mol/m³", "c_min": "mol/m³",
    "c_max": "mol/m³", "theta_mean": "1", "theta_min": "1", "theta_max": "1",
    "theta_surface_mean": "1", "sigma_h_min": "Pa", "sigma_h_max": "Pa",
    "sigma_vm_max": "Pa", "sigma_1_max": "Pa", "strain_energy": "J",
    "volume_change": "1", "current": "A", "voltage": "V vs Li/Li⁺",
    "capacity": "A h", "soc": "1", "specific_capacity": "mAh/g",
    "protocol_step": "-", "cycle": "-", "newton_iterations": "-",
    "linear_iterations": "-"}
CYCLES_UNITS = {
    "cycle": "-", "start_time": "s", "end_time": "s",
    "discharge_capacity": "A h", "charge_capacity": "A h",
    "coulombic_efficiency": "1", "average_discharge_voltage": "V",
    "average_charge_voltage": "V", "discharge_capacity_per_mass": "mAh/g",
    "charge_capacity_per_mass": "mAh/g", "peak_sigma_vm": "Pa",
    "peak_sigma_h": "Pa", "peak_sigma_1": "Pa"}
PROBES_UNITS = {
    "time": "s", "probe": "-", "x": "m", "y": "m", "z": "m", "c": "mol/m³",
    "theta": "1", "u_x": "m", "u_y": "m", "u_z": "m", "sigma_xx": "Pa",
    "sigma_yy": "Pa", "sigma_zz": "Pa", "sigma_xy": "Pa", "sigma_xz": "Pa",
    "sigma_yz": "Pa", "sigma_h": "Pa", "sigma_vm": "Pa"}
ENSEMBLE_UNITS = {
    "realisation": "-", "seed": "-", "peak_sigma_vm": "Pa",
    "peak_sigma_h": "Pa", "peak_sigma_1": "Pa", "final_theta_mean": "1",
    "final_theta_surface_mean": "1", "cutoff_time": "s",
    "li_inventory": "mol", "end_time": "s",
    "effective_diffusivity": "m^2/s", "effective_electronic_conductivity": "S/m",
    "effective_ionic_conductivity": "S/m", "effective_bulk_modulus": "Pa",
    "effective_shear_modulus": "Pa", "effective_swelling_strain": "1"}
# The unit of a row of ensemble_summary.csv is that of its `quantity` in
# ensemble.csv; effective_properties.csv names it in its `unit` column.
ENSEMBLE_SUMMARY_UNITS = {"quantity": "-", "n": "-"}
ENSEMBLE_FAILURES_UNITS = {"realisation": "-", "seed": "-", "message": "-"}
EFFECTIVE_PROPERTIES_UNITS = {"quantity": "-", "component": "-", "unit": "-"}
# Point fields of the VTU output (solution and surface files).
FIELD_UNITS = {
    "concentration": "mol/m³", "theta": "1", "lithium_flux": "mol/(m²·s)",
    "material_id": "-", "subdomain": "-", "displacement": "m",
    "hydrostatic_stress": "Pa", "stress": "Pa", "solid_potential": "V",
    "electrolyte_potential": "V", "diffusivity": "m²/s",
    "maximum_concentration": "mol/m³", "young_modulus": "Pa",
    "poisson_ratio": "1", "partial_molar_volume": "m³/mol",
    "reference_concentration": "mol/m³", "electronic_conductivity": "S/m",
    "reaction_rate_constant": "m^2.5 mol^-0.5 s^-1",
    "ionic_conductivity": "S/m", "open_circuit_potential": "V vs Li/Li⁺",
    "phi_s": "V", "overpotential": "V", "interface_current_density": "A/m²"}


def field_unit(name):
    """The unit of a VTU point field (stress components `sigma_*`: Pa)."""
    return FIELD_UNITS.get(name, "Pa" if name.startswith("sigma_") else None)


def require_debian_python(script_path=None, modules=("numpy", "vtk")):
    """Makes sure that `modules` can be imported.

    When one is missing and Debian's /usr/bin/python3 is not the running
    interpreter, the script `script_path` (default: sys.argv[0]) is started
    again with /usr/bin/python3 and the same arguments; this call does not
    return then. Otherwise a missing module ends the program with a message
    that names the Debian packages (SystemExit in a script, ImportError in
    an interactive session)."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if not missing:
        return
    script = script_path or sys.argv[0]
    is_script = os.path.isfile(script)
    if (is_script and os.path.exists(DEBIAN_PYTHON)
            and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON)):
        sys.stdout.flush()
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, script] + sys.argv[1:])
    packages = {"vtk": "python3-paraview or python3-vtk9"}
    message = "%s: Python module(s) %s missing; install %s" % (
        os.path.basename(script) if is_script else "heterion_output", ", ".join(missing),
        " ".join(packages.get(m, "python3-" + m) for m in missing))
    if is_script:
        sys.exit(message)
    raise ImportError(message)


def import_pyplot(script):
    """Returns matplotlib.pyplot with the Agg back end (re-running the
    calling script with /usr/bin/python3 when numpy or matplotlib is
    missing; `script` names it in messages)."""
    require_debian_python(sys.argv[0] if os.path.isfile(sys.argv[0]) else script,
                          ("numpy", "matplotlib"))
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def read_columns(path):
    """The columns of a Heterion CSV file, by header name, as lists of floats."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {key: [float(row[key]) for row in rows] for key in rows[0]} if rows else {}


class Table:
    """The columns of one CSV file of the output.

    `table["time"]` is a column as a numpy array (float; text columns such
    as `quantity` are arrays of str), `table.columns` the header names in
    file order, `table.units[name]` the unit from doc/output.md (None for a
    column the documentation does not list), `len(table)` the number of
    rows. `where(column, value)` selects rows."""

    def __init__(self, columns, data, units, path=None):
        self.path = path
        self.columns = list(columns)
        self.data = data
        self.units = {name: units.get(name) for name in self.columns}

    @classmethod
    def read(cls, path, units):
        """Reads a CSV file with a header line; columns with a value that
        is not a number are kept as text."""
        with open(path, newline="") as f:
            rows = [row for row in csv.reader(f) if row]
        header, rows = (rows[0], rows[1:]) if rows else ([], [])
        rows = [row for row in rows if len(row) == len(header)]  # a cut last row
        data = {}
        for k, name in enumerate(header):
            values = [row[k] for row in rows]
            try:
                data[name] = np.array(values, dtype=float)
            except ValueError:
                data[name] = np.array(values, dtype=str)
        return cls(header, data, units, path)

    def __getitem__(self, name):
        try:
            return self.data[name]
        except KeyError:
            raise KeyError("%s has no column '%s' (columns: %s)" % (
                os.path.basename(self.path or "table"), name,
                ", ".join(self.columns))) from None

    def __contains__(self, name):
        return name in self.data

    def __len__(self):
        return len(self.data[self.columns[0]]) if self.columns else 0

    def rows(self, selection):
        """A Table of the rows `selection` (a boolean mask or indices)."""
        return type(self)(self.columns, {name: values[selection] for name, values
                                         in self.data.items()}, self.units, self.path)

    def where(self, column, value):
        """A Table of the rows whose `column` equals `value`."""
        return self.rows(self[column] == value)

    def nearest(self, column, value):
        """The index of the row whose `column` is closest to `value`."""
        return int(np.argmin(np.abs(self[column] - value)))

    def __repr__(self):
        return "<Table %s: %d rows; %s>" % (
            os.path.basename(self.path or ""), len(self), ", ".join(self.columns))


class ProbeTable(Table):
    """probes.csv: one row per probe point and output time (doc/output.md).

    `at(i)` gives the rows of probe point i (index in `Output/Probe
    points`, from 0), in time order; `points` the coordinates of the points."""

    def at(self, index):
        """The rows of probe point `index`."""
        return self.where("probe", index)

    @property
    def points(self):
        """The coordinates of the probe points, one row per point."""
        names = [d for d in ("x", "y", "z") if d in self]
        indices = np.unique(self["probe"])
        first = [int(np.argmax(self["probe"] == i)) for i in indices]
        return np.array([[self[d][k] for d in names] for k in first]).reshape(-1, len(names))


class Snapshot:
    """The VTU output of one output time, read with VTK.

    `points` (N x 3, in m), `fields` (point fields by name: N values, or
    N x 3 for vectors such as lithium_flux), `cell_fields`, `time` (s),
    `units` (by field name) and `grid` (the vtkUnstructuredGrid of all
    pieces, in m). The files may hold the coordinates and `displacement` in
    another length unit (`Output/Length unit`, field data
    `length_unit_in_metres`, kept as `length_unit`); they are converted to
    metres. Values are stored as Float32 and returned as float64."""

    def __init__(self, path, time):
        try:
            from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
            from vtkmodules.vtkIOXML import (vtkXMLPUnstructuredGridReader,
                                             vtkXMLUnstructuredGridReader)
        except ImportError:
            raise ImportError("reading VTU output needs VTK (Debian: python3-paraview or python3-vtk9); "
                              "start the script with require_debian_python()") from None
        if not os.path.exists(path):
            raise FileNotFoundError(path)
        reader = (vtkXMLPUnstructuredGridReader() if path.endswith(".pvtu")
                  else vtkXMLUnstructuredGridReader())
        reader.SetFileName(path)
        reader.Update()
        self.path, self.time = path, time
        self.grid = reader.GetOutput()
        field_data = self.grid.GetFieldData()
        unit = field_data.GetArray("length_unit_in_metres")
        self.length_unit = unit.GetValue(0) if unit is not None else 1.0
        points = vtk_to_numpy(self.grid.GetPoints().GetData()).astype(float) * self.length_unit
        self.grid.GetPoints().SetData(numpy_to_vtk(points, deep=True))
        self.points = points

        def arrays(data):
            return {data.GetArrayName(k): vtk_to_numpy(data.GetArray(k)).astype(float)
                    for k in range(data.GetNumberOfArrays())}
        self.fields = arrays(self.grid.GetPointData())
        self.cell_fields = arrays(self.grid.GetCellData())
        if "displacement" in self.fields and self.length_unit != 1.0:
            self.fields["displacement"] *= self.length_unit
            scaled = numpy_to_vtk(self.fields["displacement"], deep=True)
            scaled.SetName("displacement")
            self.grid.GetPointData().AddArray(scaled)  # replaces the array
        # The units of the file's `units` field data ("name=unit; ...") for
        # fields this module does not know.
        text = field_data.GetAbstractArray("units")
        written = dict(item.split("=", 1) for item in
                       (text.GetValue(0).split("; ") if text is not None else [])
                       if "=" in item)
        self.units = {name: field_unit(name) or written.get(name) for name in self.fields}
        self._integrated = None

    def integrate(self, name):
        """The integral of the point field `name` over the cells (volume in
        3D, area in 2D, length for the 2D surface output), by VTK's
        vtkIntegrateAttributes: a float, or an array for a vector field.

        This is a quadrature of the *written* data: the VTU cells are the
        linear sub-cells of Heterion's output (k^d per mesh cell for degree
        k), with straight edges between the written points, and VTK splits
        them into triangles (tetrahedra) with linear interpolation of the
        Float32 point values. It differs from the solver's integrals
        (statistics.csv: the FE field on the curved mapping, Gauss
        quadrature) by the geometric and interpolation error of that
        representation, e.g. a few per cent on a coarse disc with Q1."""
        if name not in self.fields:
            raise KeyError("%s has no point field '%s' (fields: %s)"
                           % (self.path, name, ", ".join(self.fields)))
        values = self._integrals().GetPointData().GetArray(name)
        result = np.array([values.GetComponent(0, k)
                           for k in range(values.GetNumberOfComponents())])
        return float(result[0]) if len(result) == 1 else result

    def measure(self):
        """The volume (3D), area (2D) or length (2D surface) of the cells."""
        data = self._integrals().GetCellData()
        for name in ("Volume", "Area", "Length"):
            if data.GetArray(name) is not None:
                return float(data.GetArray(name).GetValue(0))
        return 0.0

    def _integrals(self):
        """The output of vtkIntegrateAttributes on the grid (computed once)."""
        if self._integrated is None:
            try:  # VTK >= 9.3 has it in FiltersCore
                from vtkmodules.vtkFiltersCore import vtkIntegrateAttributes
            except ImportError:
                from vtkmodules.vtkFiltersParallel import vtkIntegrateAttributes
            integrator = vtkIntegrateAttributes()
            integrator.SetInputData(self.grid)
            integrator.Update()
            self._integrated = integrator.GetOutput()
        return self._integrated

    def __repr__(self):
        return "<Snapshot %s, t = %g s: %d points, %d cells; fields %s>" % (
            os.path.basename(self.path), self.time, len(self.points),
            self.grid.GetNumberOfCells(), ", ".join(self.fields))


def read_pvd(path):
    """The (time, file path) records of a .pvd file, in file order."""
    root = ElementTree.parse(path).getroot()
    return [(float(d.get("timestep")), os.path.join(os.path.dirname(path), d.get("file")))
            for d in root.iter("DataSet")]


def _table_property(name, units, doc, kind=Table):
    """A cached property of Output reading the table `name` (None if absent)."""
    def read(self):
        return self._table(name, units, kind)
    read.__doc__ = doc
    return functools.cached_property(read)


class Output:
    """A Heterion output directory (doc/output.md), read lazily.

    Tables (None when the file is absent): `statistics`, `probes` (a
    ProbeTable), `cycles`, `ensemble`, `ensemble_summary`,
    `ensemble_failures`, `effective_properties`. VTU output: `times` (from solution.pvd),
    `surface_times` (surface.pvd, None without kinetics), `snapshot(i)` and
    `surface_snapshot(i)`. Also `dimension` (from parameters.prm) and
    `realisations` (an Output per realisation_NNNN of an ensemble)."""

    def __init__(self, directory):
        if np is None:
            raise ImportError("Output needs numpy (Debian: python3-numpy); start the "
                              "script with require_debian_python(__file__)")
        if not os.path.isdir(directory):
            raise FileNotFoundError("no output directory %s" % directory)
        self.directory = directory

    def path(self, name):
        """The path of the file `name` in the directory."""
        return os.path.join(self.directory, name)

    @functools.cached_property
    def dimension(self):
        """2 or 3: `Dimension` of parameters.prm (of the first realisation
        for an ensemble; else from probes.csv's header; None when nothing
        tells)."""
        try:
            with open(self.path("parameters.prm")) as f:
                match = re.search(r"^set\s+Dimension\s*=\s*(\d)", f.read(), re.M)
            if match:
                return int(match.group(1))
        except OSError:
            pass
        try:
            with open(self.path("probes.csv")) as f:
                return 3 if "z" in f.readline().strip().split(",") else 2
        except OSError:
            return self.realisations[0].dimension if self.realisations else None

    def _table(self, name, units, kind=Table):
        if not os.path.exists(self.path(name)):
            return None
        if self.dimension == 2:
            units = {k: _PER_METRE.get(u, u) for k, u in units.items()}
        return kind.read(self.path(name), units)

    statistics = _table_property("statistics.csv", STATISTICS_UNITS,
                                 "statistics.csv: one row per accepted step.")
    probes = _table_property("probes.csv", PROBES_UNITS,
                             "probes.csv: a row per probe point and output time.",
                             ProbeTable)
    cycles = _table_property("cycles.csv", CYCLES_UNITS,
                             "cycles.csv: one row per protocol cycle.")
    ensemble = _table_property("ensemble.csv", ENSEMBLE_UNITS,
                               "ensemble.csv: one row per realisation.")
    ensemble_summary = _table_property("ensemble_summary.csv", ENSEMBLE_SUMMARY_UNITS,
                                       "ensemble_summary.csv: one row per quantity.")
    ensemble_failures = _table_property(
        "ensemble_failures.csv", ENSEMBLE_FAILURES_UNITS,
        "ensemble_failures.csv: one row per realisation that failed.")
    effective_properties = _table_property(
        "effective_properties.csv", EFFECTIVE_PROPERTIES_UNITS,
        "effective_properties.csv (homogenisation mode).")

    def _records(self, name):
        return read_pvd(self.path(name)) if os.path.exists(self.path(name)) else None

    @functools.cached_property
    def times(self):
        """The output times of solution.pvd [s] (empty without VTU output)."""
        records = self._records("solution.pvd") or []
        return np.array([t for t, _ in records])

    @functools.cached_property
    def surface_times(self):
        """The output times of surface.pvd [s]; None without that file."""
        records = self._records("surface.pvd")
        return None if records is None else np.array([t for t, _ in records])

    def _snapshot(self, pvd, index, time):
        records = self._records(pvd)
        if not records:
            raise FileNotFoundError("%s has no %s" % (self.directory, pvd))
        if time is not None:
            index = int(np.argmin([abs(t - time) for t, _ in records]))
        return Snapshot(records[index][1], records[index][0])

    def snapshot(self, index=-1, time=None):
        """The solution output number `index` of solution.pvd (negative:
        from the end), or the one nearest to `time` [s] when given."""
        return self._snapshot("solution.pvd", index, time)

    def surface_snapshot(self, index=-1, time=None):
        """The reaction-surface output (surface.pvd), as snapshot()."""
        return self._snapshot("surface.pvd", index, time)

    @functools.cached_property
    def realisations(self):
        """An Output for every realisation_NNNN subdirectory (ensembles)."""
        return [Output(d) for d in sorted(glob.glob(self.path("realisation_[0-9]*")))
                if os.path.isdir(d)]

    def __repr__(self):
        lines = ["Output(%r): %s" % (self.directory, "%dD" % self.dimension
                                     if self.dimension else "dimension unknown")]
        for name in ("statistics", "probes", "cycles", "ensemble", "ensemble_summary",
                     "ensemble_failures", "effective_properties"):
            table = getattr(self, name)
            if table is not None:
                extra = ""
                if name == "probes" and len(table):
                    extra = " (%d points)" % len(np.unique(table["probe"]))
                lines.append("  %s: %d rows%s; %s" % (name, len(table), extra,
                                                      ", ".join(table.columns)))
        for name, times in (("snapshots", self.times), ("surface snapshots", self.surface_times)):
            if times is not None and len(times):
                lines.append("  %s: %d, t = %g ... %g s" % (name, len(times), times[0], times[-1]))
        if self.realisations:
            lines.append("  realisations: %d" % len(self.realisations))
        return "\n".join(lines)


if __name__ == "__main__":
    require_debian_python(__file__, ("numpy",))
    if len(sys.argv) < 2:
        sys.exit("Usage: heterion_output.py OUTPUT_DIRECTORY [...]\n"
                 "Prints what each Heterion output directory holds.")
    for directory in sys.argv[1:]:
        print(Output(directory))
