// The octant x, y, z >= 0 of the unit sphere, in tetrahedra, with physical
// groups named after Heterion's material and boundaries (meshes/README.md):
// `particle`, `surface`, `symmetry_x`, `symmetry_y`, `symmetry_z`. Used by
// the Gmsh mechanics verification (tests/mechanics/test_stress_solutions.cc,
// StressSolutions.GmshOctantRadialProfile).
// Regenerate: gmsh -3 -format msh22 sphere_octant_tetrahedra.geo
SetFactory("OpenCASCADE");
Sphere(1) = {0, 0, 0, 1, 0, Pi/2, Pi/2};
Mesh.MeshSizeMax = 0.3;
Mesh.MeshSizeFromCurvature = 0;
Mesh.MeshSizeFromPoints = 0;
Mesh.Optimize = 1;
e = 1e-6;
Physical Volume("particle") = {1};
Physical Surface("symmetry_x") = Surface In BoundingBox{-e, -e, -e, e, 1 + e, 1 + e};
Physical Surface("symmetry_y") = Surface In BoundingBox{-e, -e, -e, 1 + e, e, 1 + e};
Physical Surface("symmetry_z") = Surface In BoundingBox{-e, -e, -e, 1 + e, 1 + e, e};
all() = Surface{:};
sym() = Surface In BoundingBox{-e, -e, -e, e, 1 + e, 1 + e};
sym() += Surface In BoundingBox{-e, -e, -e, 1 + e, e, 1 + e};
sym() += Surface In BoundingBox{-e, -e, -e, 1 + e, 1 + e, e};
Physical Surface("surface") = {all()};
Physical Surface("surface") -= {sym()};
