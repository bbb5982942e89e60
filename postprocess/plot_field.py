#!/usr/bin/env python3
"""Plots one point field of a Heterion VTU output as a filled colour map (PNG).

Usage: plot_field.py INPUT [INDEX] [options]

INPUT is a `solution_NNNNN.pvtu` file (its pieces, one `.vtu` per MPI
rank, are read), a single `.vtu` piece, or an output directory; with a
directory, INDEX selects `solution_INDEX.pvtu` (default: the last one).

Options:
  -f, --field NAME   the point field to plot (default: theta); a vector
                     field (e.g. lithium_flux) is plotted as its magnitude,
                     NAME:K plots its component K (0, 1, 2)
  -o, --output PNG   the image to write (default: INPUT_DIR/NAME_NNNNN.png)
  --log              logarithmic colour scale (all values must be > 0)
  --vmin V, --vmax V limits of the colour scale (default: the data range)
  --cmap NAME        matplotlib colour map (default: viridis)
  --title TEXT       title of the plot (default: field, output number, time)
  --z Z              3D output: plot the cell faces that lie in the plane
                     z = Z [m] (default 0), e.g. the symmetry plane of an
                     octant or quarter model
  --mesh             draw the edges of the output cells
  --list             print the point fields of INPUT and exit
  --stats            print min, mean and max of the field over the points
  -h, --help         this text

The cells of the output (quadrilaterals; with a finite-element degree k
each mesh cell is written as k x k sub-cells) are split into two triangles
each and drawn with Gouraud shading: the colour is interpolated linearly
between the point values, which is what the output holds (ParaView shows
the same). Axes are in micrometres, the colour bar is labelled with the
field name. The mean printed by --stats is over the written points (each
point of each output cell, so shared points count once per cell); on a
uniform mesh it is close to the volume average of statistics.csv.

The reader is a small pure-Python parser of the VTK XML format as deal.II
writes it: DataArrays in `binary` format (base64, zlib-compressed blocks
when the file names `vtkZLibDataCompressor`, header of UInt32 or UInt64
sizes by `header_type`) or `ascii`. Appended data is not supported.
Needs numpy and matplotlib (Debian: python3-matplotlib); when the first
python3 on PATH lacks them, the script re-runs itself with /usr/bin/python3.
"""
import argparse
import base64
import glob
import os
import re
import sys
import xml.etree.ElementTree as ElementTree
import zlib

from heterion_output import field_unit, import_pyplot

plt = import_pyplot("plot_field.py")

import numpy as np  # noqa: E402  (matplotlib is there, so numpy is too)
from matplotlib import colors, ticker  # noqa: E402
from matplotlib.tri import Triangulation  # noqa: E402

SCRIPT = "plot_field.py"

VTK_TYPES = {"Int8": "i1", "UInt8": "u1", "Int16": "i2", "UInt16": "u2",
             "Int32": "i4", "UInt32": "u4", "Int64": "i8", "UInt64": "u8",
             "Float32": "f4", "Float64": "f8"}

# VTK cell types that are drawn: quadrilaterals (2D output) and hexahedra
# (3D output, whose faces in the plane z = Z are drawn), with their vertex
# counts.
VTK_QUAD, VTK_HEXAHEDRON = 9, 12
HEX_FACES = [(0, 1, 2, 3), (4, 5, 6, 7), (0, 1, 5, 4),
             (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7)]


def fail(message):
    sys.exit("%s: %s" % (SCRIPT, message))


class VtuFile:
    """The points, cells and point fields of one .vtu piece."""

    def __init__(self, path):
        self.path = path
        try:
            root = ElementTree.parse(path).getroot()
        except (OSError, ElementTree.ParseError) as error:
            fail("cannot read %s: %s" % (path, error))
        if root.get("type") != "UnstructuredGrid":
            fail("%s is not a VTK UnstructuredGrid file" % path)
        self.little_endian = root.get("byte_order", "LittleEndian") == "LittleEndian"
        self.header_dtype = "u8" if root.get("header_type") == "UInt64" else "u4"
        compressor = root.get("compressor", "")
        if compressor not in ("", "vtkZLibDataCompressor"):
            fail("%s: compressor %s is not supported (only zlib)" % (path, compressor))
        self.compressed = compressor == "vtkZLibDataCompressor"
        self.time = None
        # The unit of the coordinates in metres (`Output/Length unit`):
        # `points` are as written, points * length_unit are in m.
        self.length_unit = 1.0
        for array in root.iter("DataArray"):
            if array.get("Name") == "TIME":
                self.time = float(self.decode(array)[0])
            elif array.get("Name") == "length_unit_in_metres":
                self.length_unit = float(self.decode(array)[0])
        piece = root.find("UnstructuredGrid/Piece")
        if piece is None:
            fail("%s has no Piece" % path)
        self.points = self.decode(piece.find("Points/DataArray")).reshape(-1, 3)
        cells = {a.get("Name"): a for a in piece.findall("Cells/DataArray")}
        self.connectivity = self.decode(cells["connectivity"]).astype(np.int64)
        self.offsets = self.decode(cells["offsets"]).astype(np.int64)
        self.types = self.decode(cells["types"]).astype(np.int64)
        self.arrays = {}
        for array in piece.findall("PointData/DataArray"):
            self.arrays[array.get("Name")] = array

    def dtype(self, name):
        if name not in VTK_TYPES:
            fail("%s: DataArray type %s is not supported" % (self.path, name))
        return np.dtype(VTK_TYPES[name]).newbyteorder("<" if self.little_endian else ">")

    def decode(self, element):
        """The values of a DataArray element as a flat numpy array."""
        dtype = self.dtype(element.get("type"))
        form = element.get("format", "ascii")
        text = (element.text or "").strip()
        if form == "ascii":
            return np.array(text.split(), dtype=float).astype(dtype)
        if form != "binary":
            fail("%s: DataArray format '%s' is not supported (only binary "
                 "and ascii, no appended data)" % (self.path, form))
        text = re.sub(r"\s+", "", text)
        raw = self.compressed_bytes(text) if self.compressed else self.plain_bytes(text)
        return np.frombuffer(raw, dtype=dtype)

    def header_and_rest(self, text, n_words):
        """Decodes the header of n_words sizes and the data that follows.

        VTK (and deal.II) encode the header and the data as two separate
        base64 strings; a writer may also encode them as one. Both are the
        same when the header length is a multiple of 3 bytes; otherwise the
        separate header ends in '=' padding, which tells them apart."""
        size = np.dtype(self.header_dtype).itemsize
        n_bytes = n_words * size
        n_chars = 4 * ((n_bytes + 2) // 3)
        if len(text) < n_chars:
            fail("%s: truncated binary DataArray" % self.path)
        if n_bytes % 3 == 0 or text[n_chars - 1] == "=":
            header = base64.b64decode(text[:n_chars])[:n_bytes]
            rest = base64.b64decode(text[n_chars:]) if len(text) > n_chars else b""
        else:
            everything = base64.b64decode(text)
            header, rest = everything[:n_bytes], everything[n_bytes:]
        order = "<" if self.little_endian else ">"
        words = np.frombuffer(header, dtype=np.dtype(self.header_dtype).newbyteorder(order))
        return [int(w) for w in words], rest

    def plain_bytes(self, text):
        (n_bytes,), rest = self.header_and_rest(text, 1)
        if len(rest) < n_bytes:
            fail("%s: binary DataArray shorter than its header says" % self.path)
        return rest[:n_bytes]

    def compressed_bytes(self, text):
        # Header: number of blocks, uncompressed block size, size of the
        # last block (uncompressed), then the compressed size of each block.
        size = np.dtype(self.header_dtype).itemsize
        first = base64.b64decode(text[:4 * ((size + 2) // 3)])
        n_blocks = int(np.frombuffer(first[:size], dtype=np.dtype(self.header_dtype).newbyteorder(
            "<" if self.little_endian else ">"))[0])
        words, rest = self.header_and_rest(text, 3 + n_blocks)
        block_size, last_size, sizes = words[1], words[2], words[3:]
        parts, position = [], 0
        for i, n in enumerate(sizes):
            block = zlib.decompress(rest[position:position + n])
            expected = last_size if (i == n_blocks - 1 and last_size) else block_size
            if len(block) != expected:
                fail("%s: a compressed block has %d bytes, expected %d"
                     % (self.path, len(block), expected))
            parts.append(block)
            position += n
        return b"".join(parts)

    def field(self, name):
        """Point field @p name (n_points x n_components)."""
        if name not in self.arrays:
            fail("%s has no point field '%s'; it has: %s"
                 % (self.path, name, ", ".join(self.arrays)))
        element = self.arrays[name]
        n = int(element.get("NumberOfComponents", "1"))
        return self.decode(element).astype(float).reshape(-1, n)


def find_pieces(source, index):
    """The .vtu pieces of INPUT (and INDEX) and the name of the output."""
    if not os.path.exists(source):
        fail("%s does not exist" % source)
    if os.path.isdir(source):
        records = sorted(glob.glob(os.path.join(source, "solution_*.pvtu")))
        if not records:
            fail("no solution_*.pvtu in %s" % source)
        if index is None:
            pvtu = records[-1]
        else:
            pvtu = os.path.join(source, "solution_%05d.pvtu" % index)
            if not os.path.exists(pvtu):
                fail("%s does not exist (%d outputs in %s: solution_%s to %s)"
                     % (pvtu, len(records), source,
                        os.path.basename(records[0])[9:14], os.path.basename(records[-1])[9:14]))
        source = pvtu
    elif index is not None:
        fail("INDEX is only allowed with an output directory")
    if not os.path.exists(source):
        fail("%s does not exist" % source)
    if source.endswith(".vtu"):
        return [source], source
    if not source.endswith(".pvtu"):
        fail("%s is not a .pvtu, a .vtu or a directory" % source)
    try:
        root = ElementTree.parse(source).getroot()
    except ElementTree.ParseError as error:
        fail("cannot parse %s: %s" % (source, error))
    directory = os.path.dirname(source)
    pieces = [os.path.join(directory, p.get("Source")) for p in root.iter("Piece")]
    if not pieces:
        fail("%s lists no pieces" % source)
    return pieces, source


def component(values, name, component_index):
    if component_index is not None:
        if component_index >= values.shape[1]:
            fail("'%s' has %d components" % (name, values.shape[1]))
        return values[:, component_index]
    if values.shape[1] == 1:
        return values[:, 0]
    return np.sqrt((values ** 2).sum(axis=1))


def piece_triangles(vtu, z_plane):
    """Triangles (point indices of the piece) of the piece's cells: each
    quadrilateral gives two; in 3D each hexahedron face in z = z_plane."""
    starts = np.concatenate(([0], vtu.offsets[:-1]))
    quads = []
    quad_cells = vtu.types == VTK_QUAD
    if quad_cells.any():
        if not np.all(vtu.offsets[quad_cells] - starts[quad_cells] == 4):
            fail("%s: unexpected quadrilateral cells" % vtu.path)
        quads.append(vtu.connectivity[starts[quad_cells][:, None] + np.arange(4)])
    hex_cells = vtu.types == VTK_HEXAHEDRON
    if hex_cells.any():
        vertices = vtu.connectivity[starts[hex_cells][:, None] + np.arange(8)]
        z = vtu.points[:, 2]
        extent = np.ptp(vtu.points, axis=0).max()
        tolerance = 1e-6 * (extent if extent > 0 else 1.0)
        for face in HEX_FACES:
            corners = vertices[:, face]
            on_plane = np.all(np.abs(z[corners] - z_plane) <= tolerance, axis=1)
            quads.append(corners[on_plane])
    other = ~(quad_cells | hex_cells)
    if other.any():
        fail("%s has cells of VTK type(s) %s; only quadrilaterals (2D) and "
             "hexahedra (3D) are supported" % (vtu.path, sorted(set(vtu.types[other]))))
    quads = np.concatenate(quads) if quads else np.zeros((0, 4), dtype=np.int64)
    return np.concatenate((quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]))


def parse_arguments():
    parser = argparse.ArgumentParser(
        prog=SCRIPT, add_help=False, usage="%(prog)s INPUT [INDEX] [options]")
    parser.add_argument("input")
    parser.add_argument("index", nargs="?", type=int)
    parser.add_argument("-f", "--field", default="theta")
    parser.add_argument("-o", "--output")
    parser.add_argument("--log", action="store_true")
    parser.add_argument("--vmin", type=float)
    parser.add_argument("--vmax", type=float)
    parser.add_argument("--cmap", default="viridis")
    parser.add_argument("--title")
    parser.add_argument("--z", type=float, default=0.0)
    parser.add_argument("--mesh", action="store_true")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--stats", action="store_true")
    parser.add_argument("-h", "--help", action="store_true")
    if any(a in ("-h", "--help") for a in sys.argv[1:]) or len(sys.argv) < 2:
        print(__doc__)
        sys.exit(0)
    return parser.parse_args()


def main():
    args = parse_arguments()
    pieces, source = find_pieces(args.input, args.index)
    name, component_index = args.field, None
    match = re.fullmatch(r"(.+):([0-2])", args.field)
    if match:
        name, component_index = match.group(1), int(match.group(2))

    files = [VtuFile(p) for p in pieces]
    if args.list:
        for key in files[0].arrays:
            n = files[0].arrays[key].get("NumberOfComponents", "1")
            print(key if n == "1" else "%s (%s components)" % (key, n))
        return

    is_3d = any((f.types == VTK_HEXAHEDRON).any() for f in files)
    points, values, triangles = [], [], []
    n_points = 0
    for vtu in files:
        values.append(component(vtu.field(name), name, component_index))
        triangles.append(piece_triangles(vtu, args.z / vtu.length_unit) + n_points)
        points.append(vtu.points * vtu.length_unit)
        n_points += len(vtu.points)
    points = np.concatenate(points)
    values = np.concatenate(values)
    triangles = np.concatenate(triangles)
    if len(triangles) == 0:
        fail("the 3D output %s has no cell faces in the plane z = %g m; only "
             "2D output or the faces on a plane z = const (--z) can be "
             "plotted" % (source, args.z))

    used = np.unique(triangles)
    shown = values[used]
    if args.stats:
        label = "all points" if not is_3d else "points of the faces in z = %g m" % args.z
        print("%s over %d %s: min %.6g, mean %.6g, max %.6g"
              % (args.field, len(shown), label, shown.min(), shown.mean(), shown.max()))
        if is_3d:
            every = values
            print("%s over all %d points: min %.6g, mean %.6g, max %.6g"
                  % (args.field, len(every), every.min(), every.mean(), every.max()))

    vmin = args.vmin if args.vmin is not None else float(shown.min())
    vmax = args.vmax if args.vmax is not None else float(shown.max())
    if args.log:
        if vmin <= 0:
            fail("--log needs positive values, but '%s' has a minimum of %g"
                 % (args.field, vmin))
        norm = colors.LogNorm(vmin=vmin, vmax=vmax)
    else:
        if vmin == vmax:  # a constant field: give the colour bar a range
            pad = abs(vmin) * 1e-6 if vmin != 0 else 1e-12
            vmin, vmax = vmin - pad, vmax + pad
        norm = colors.Normalize(vmin=vmin, vmax=vmax)

    micrometre = 1e6
    triangulation = Triangulation(points[:, 0] * micrometre, points[:, 1] * micrometre, triangles)
    x_range = np.ptp(points[used, 0])
    y_range = np.ptp(points[used, 1])
    aspect = y_range / x_range if x_range > 0 else 1.0
    width = 7.0
    height = min(max(width * aspect * 0.85 + 1.0, 2.5), 9.0)
    figure, axes = plt.subplots(figsize=(width, height))
    image = axes.tripcolor(triangulation, values, shading="gouraud", cmap=args.cmap, norm=norm)
    if args.mesh:
        axes.triplot(triangulation, color="k", linewidth=0.1, alpha=0.3)
    axes.set_aspect("equal")
    axes.set_xlabel("x [µm]")
    axes.set_ylabel("y [µm]")
    time = files[0].time
    title = args.title
    if title is None:
        title = "%s, %s" % (args.field, os.path.basename(source))
        if time is not None:
            title += ", t = %g s" % time
        if is_3d:
            title += ", z = %g m" % args.z
    axes.set_title(title, fontsize="medium")
    bar = figure.colorbar(image, ax=axes, shrink=0.9)
    unit = field_unit(name)
    bar.set_label(args.field + (" [%s]" % unit if unit else "")
                  + (" (log scale)" if args.log else ""))
    if args.log and vmax / vmin < 1e3:
        # Few decades: label intermediate ticks too.
        bar.ax.yaxis.set_minor_formatter(
            ticker.LogFormatterSciNotation(labelOnlyBase=False, minor_thresholds=(3, 0.5)))
    png = args.output
    if png is None:
        stem = os.path.splitext(os.path.basename(source))[0].replace("solution_", "")
        png = os.path.join(os.path.dirname(source) or ".",
                           "%s_%s.png" % (args.field.replace(":", "_"), stem))
    figure.tight_layout()
    figure.savefig(png, dpi=150)
    print("wrote", png)


if __name__ == "__main__":
    main()
