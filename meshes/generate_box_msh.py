#!/usr/bin/env python3
"""Writes a simplex mesh of the unit square (triangles) or unit cube
(tetrahedra, Kuhn subdivision) as an ASCII Gmsh 2.2 file with named physical
groups: material `particle`; boundaries `surface` (top, y = 1 or z = 1),
`bottom` (y = 0 or z = 0) and `sides`. Standard library only.

Usage: generate_box_msh.py DIM N OUTPUT.msh
"""
import itertools
import sys


def main():
    dim, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    index = {}
    nodes = []
    for p in itertools.product(range(n + 1), repeat=dim):
        index[p] = len(nodes) + 1
        nodes.append(tuple(c / n for c in p))

    cells = []
    for base in itertools.product(range(n), repeat=dim):
        for order in itertools.permutations(range(dim)):
            corner = list(base)
            simplex = [index[tuple(corner)]]
            for axis in order:
                corner[axis] += 1
                simplex.append(index[tuple(corner)])
            cells.append(simplex)

    # Boundary facets appear in exactly one simplex.
    count = {}
    for cell in cells:
        for facet in itertools.combinations(cell, dim):
            key = tuple(sorted(facet))
            count[key] = count.get(key, 0) + 1
    top, bottom, sides = 2, 3, 4
    facets = []
    for facet, k in count.items():
        if k != 1:
            continue
        heights = [nodes[v - 1][dim - 1] for v in facet]
        if all(h == 1 for h in heights):
            tag = top
        elif all(h == 0 for h in heights):
            tag = bottom
        else:
            tag = sides
        facets.append((tag, facet))

    facet_type, cell_type = (1, 2) if dim == 2 else (2, 4)
    with open(path, "w") as out:
        out.write("$MeshFormat\n2.2 0 8\n$EndMeshFormat\n")
        out.write("$PhysicalNames\n4\n")
        out.write(f'{dim} 1 "particle"\n{dim - 1} 2 "surface"\n')
        out.write(f'{dim - 1} 3 "bottom"\n{dim - 1} 4 "sides"\n')
        out.write("$EndPhysicalNames\n$Nodes\n%d\n" % len(nodes))
        for i, p in enumerate(nodes):
            coords = list(p) + [0.0] * (3 - dim)
            out.write("%d %s\n" % (i + 1, " ".join(repr(c) for c in coords)))
        out.write("$EndNodes\n$Elements\n%d\n" % (len(facets) + len(cells)))
        number = 1
        for tag, facet in facets:
            out.write("%d %d 2 %d %d %s\n" % (number, facet_type, tag, tag,
                                             " ".join(map(str, facet))))
            number += 1
        for cell in cells:
            out.write("%d %d 2 1 1 %s\n" % (number, cell_type,
                                           " ".join(map(str, cell))))
            number += 1
        out.write("$EndElements\n")


if __name__ == "__main__":
    main()
