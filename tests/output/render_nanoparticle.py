"""Renders the last output of a run with ParaView (pvpython, off screen) as a
user would: the body's surface in one solid colour, lit by the default light,
and checks that the picture is shaded, not flat. A 50 nm particle written in
metres renders as flat black and white polygons (VTK's lighting has absolute
tolerances); written in nanometres (Output/Length unit = auto) it shows the
smooth shading of a sphere. Also checks the field data of the piece: the
length unit in metres and the units string.

Usage: xvfb-run -a pvpython render_nanoparticle.py OUTPUT_DIR PNG EXPECTED_UNIT_IN_M
Prints the measures and a last line `RESULT: PASS` (the picture is shaded and
the field data are right) or `RESULT: FAIL`; run_render_check.sh drives it."""
import sys

from paraview import simple
from paraview import servermanager
from vtkmodules.vtkIOImage import vtkPNGReader
from vtkmodules.util.numpy_support import vtk_to_numpy

directory, png, expected_unit = sys.argv[1], sys.argv[2], float(sys.argv[3])

reader = simple.PVDReader(FileName=directory + "/solution.pvd")
reader.UpdatePipeline(max(reader.TimestepValues))
data = servermanager.Fetch(reader)
block = data.GetBlock(0) if data.IsA("vtkMultiBlockDataSet") else data
field = block.GetFieldData()
unit_array = field.GetArray("length_unit_in_metres")
units = field.GetAbstractArray("units")
failures = []
if unit_array is None or units is None:
    failures.append("the piece lacks the field data length_unit_in_metres/units")
else:
    unit = unit_array.GetValue(0)
    print("length_unit_in_metres = %g; units: %s" % (unit, units.GetValue(0)[:80]))
    if abs(unit / expected_unit - 1) > 1e-12:
        failures.append("length unit %g m, expected %g m" % (unit, expected_unit))

view = simple.CreateView("RenderView")
view.ViewSize = [400, 400]
view.OrientationAxesVisibility = 0
# A background colour of its own, to tell the body's pixels from it.
view.UseColorPaletteForBackground = 0
view.Background = [0, 0, 1]
surface = simple.ExtractSurface(Input=reader)
display = simple.Show(surface, view)
display.ColorArrayName = ['POINTS', '']
display.AmbientColor = display.DiffuseColor = [0.8, 0.8, 0.8]
view.CameraPosition = [1, 0.8, 0.6]
view.CameraFocalPoint = [0, 0, 0]
simple.ResetCamera(view)
simple.SaveScreenshot(png, view, ImageResolution=[400, 400])

image = vtkPNGReader()
image.SetFileName(png)
image.Update()
pixels = vtk_to_numpy(image.GetOutput().GetPointData().GetScalars())
rgb = pixels[:, :3].astype(int)
background = (rgb[:, 0] == 0) & (rgb[:, 1] == 0) & (rgb[:, 2] == 255)
body = rgb[~background].mean(axis=1)
levels = len(set(body.round().astype(int)))
# Flat shading: the polygons come out black or white.
saturated = float(((body < 8) | (body > 247)).mean()) if body.size else 1
print("body pixels %d, grey levels %d, black or white %.1f %%"
      % (body.size, levels, 100 * saturated))
if body.size < 20000:
    failures.append("the body covers only %d pixels" % body.size)
# A lit sphere octant in a light grey shows a smooth gradient of greys.
if saturated > 0.05:
    failures.append("%.0f %% of the body is black or white: the surface "
                    "renders flat" % (100 * saturated))
if levels < 20:
    failures.append("only %d grey levels: the surface renders flat" % levels)
for f in failures:
    print("FAIL: " + f)
# The verdict as a line of its own: the X server under xvfb-run can fail
# while pvpython tears down, after the picture was taken.
print("RESULT: " + ("FAIL" if failures else "PASS"), flush=True)
sys.exit(1 if failures else 0)
