#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/tria.h>

#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>
#include <map>

namespace
{
  using namespace dealii;
  using namespace heterion;
  namespace mid = ids::material;
  namespace bid = ids::boundary;

  /** Volume per material id and area per boundary id of a geometry model. */
  template <int dim>
  struct Measures
  {
    std::map<types::material_id, double> volume;
    std::map<types::boundary_id, double> area;
  };

  template <int dim>
  Measures<dim>
  measure(const std::string &model, const std::string &settings)
  {
    ParameterHandler prm;
    test_support::parse(prm,
                        "set Dimension = " + std::to_string(dim)
                          + "\nsubsection Geometry\nset Model = " + model + "\n"
                          + settings + "end\n");
    prm.enter_subsection("Geometry");
    auto geometry = geometry::Registry::create<dim>(model);
    geometry->parse_parameters(prm);
    prm.leave_subsection();
    Triangulation<dim> tria;
    geometry->create_coarse_mesh(tria);
    tria.refine_global(dim == 2 ? 4 : 2);

    const MappingQ<dim> mapping(4);
    const FE_Q<dim>     fe(1);
    FEValues<dim>     fe_values(mapping, fe, QGauss<dim>(5), update_JxW_values);
    FEFaceValues<dim> fe_face_values(mapping,
                                     fe,
                                     QGauss<dim - 1>(5),
                                     update_JxW_values);
    Measures<dim>     result;
    for (const auto &cell : tria.active_cell_iterators())
      {
        fe_values.reinit(cell);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          result.volume[cell->material_id()] += fe_values.JxW(q);
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary())
            {
              fe_face_values.reinit(cell, f);
              for (const unsigned int q :
                   fe_face_values.quadrature_point_indices())
                result.area[cell->face(f)->boundary_id()]
                  += fe_face_values.JxW(q);
            }
      }
    return result;
  }

  constexpr double pi = numbers::PI;

  void
  expect_close(const double value, const double exact, const std::string &what)
  {
    EXPECT_NEAR(value / exact, 1., 2e-4)
      << what << ": " << value << " vs " << exact;
  }

  TEST(Geometry, SphereAndOctant)
  {
    const double R = 2.;
    auto         full
      = measure<3>("sphere", "subsection Sphere\nset Radius = 2\nend\n");
    expect_close(full.volume[mid::particle],
                 4. / 3 * pi * R * R * R,
                 "sphere volume");
    expect_close(full.area[bid::surface], 4 * pi * R * R, "sphere area");
    EXPECT_EQ(full.area.size(), 1u);
    auto octant = measure<3>(
      "sphere", "subsection Sphere\nset Radius = 2\nset Octant = true\nend\n");
    expect_close(octant.volume[mid::particle],
                 pi * R * R * R / 6,
                 "octant volume");
    expect_close(octant.area[bid::surface], pi * R * R / 2, "octant area");
    for (const auto id : {bid::symmetry_x, bid::symmetry_y, bid::symmetry_z})
      expect_close(octant.area[id], pi * R * R / 4, "symmetry plane");
  }

  TEST(Geometry, DiscAndQuarterDisc)
  {
    auto disc
      = measure<2>("sphere", "subsection Sphere\nset Radius = 1\nend\n");
    expect_close(disc.volume[mid::particle], pi, "disc area");
    expect_close(disc.area[bid::surface], 2 * pi, "disc perimeter");
    auto quarter = measure<2>(
      "sphere", "subsection Sphere\nset Radius = 1\nset Octant = true\nend\n");
    expect_close(quarter.volume[mid::particle], pi / 4, "quarter disc area");
    expect_close(quarter.area[bid::symmetry_x], 1., "quarter disc edge");
  }

  TEST(Geometry, HollowSphereAndAnnulus)
  {
    auto shell = measure<3>("hollow sphere",
                            "subsection Hollow sphere\nset Inner radius = "
                            "1\nset Outer radius = 2\nend\n");
    expect_close(shell.volume[mid::particle], 4. / 3 * pi * 7, "hollow volume");
    expect_close(shell.area[bid::inner_surface], 4 * pi, "inner surface");
    expect_close(shell.area[bid::surface], 16 * pi, "outer surface");
    auto annulus
      = measure<2>("hollow sphere",
                   "subsection Hollow sphere\nset Inner radius = 1\nset Outer "
                   "radius = 2\nset Octant = true\nend\n");
    expect_close(annulus.volume[mid::particle], 3 * pi / 4, "quarter annulus");
  }

  TEST(Geometry, CoreShellSphereAndDisc)
  {
    auto cs = measure<3>("core-shell sphere",
                         "subsection Core-shell sphere\nset Core radius = "
                         "1.5\nset Outer radius = 2\nend\n");
    expect_close(cs.volume[mid::core],
                 4. / 3 * pi * 1.5 * 1.5 * 1.5,
                 "core volume");
    expect_close(cs.volume[mid::shell],
                 4. / 3 * pi * (8 - 3.375),
                 "shell volume");
    EXPECT_EQ(cs.area.size(), 1u)
      << "the core-shell interface must be interior";
    auto cs_octant
      = measure<3>("core-shell sphere",
                   "subsection Core-shell sphere\nset Core radius = "
                   "1.5\nset Outer radius = 2\nset Octant = "
                   "true\nend\n");
    expect_close(cs_octant.volume[mid::core],
                 pi * 1.5 * 1.5 * 1.5 / 6,
                 "octant core");
    expect_close(cs_octant.volume[mid::shell],
                 pi * (8 - 3.375) / 6,
                 "octant shell");
    EXPECT_EQ(cs_octant.area.size(), 4u)
      << "surface and three symmetry planes; no interface faces";
    auto cs_quarter
      = measure<2>("core-shell sphere",
                   "subsection Core-shell sphere\nset Core radius = 0.5\nset "
                   "Outer radius = 1\nset Octant = true\nend\n");
    expect_close(cs_quarter.volume[mid::core], pi / 16, "quarter core disc");
    EXPECT_EQ(cs_quarter.area.size(), 3u);
    auto disc = measure<2>("core-shell sphere",
                           "subsection Core-shell sphere\nset Core radius = "
                           "0.5\nset Outer radius = 1\nend\n");
    expect_close(disc.volume[mid::core], pi / 4, "core disc");
    expect_close(disc.volume[mid::shell], 3 * pi / 4, "shell ring");
    EXPECT_EQ(disc.area.size(), 1u);
  }

  TEST(Geometry, YolkShell)
  {
    auto ys = measure<3>(
      "yolk-shell sphere",
      "subsection Yolk-shell sphere\nset Core radius = 1\nset Shell inner "
      "radius = 1.5\nset Shell outer radius = 2\nend\n");
    expect_close(ys.volume[mid::core], 4. / 3 * pi, "yolk");
    expect_close(ys.volume[mid::shell], 4. / 3 * pi * (8 - 3.375), "shell");
    expect_close(ys.area[bid::core_surface], 4 * pi, "yolk surface");
    expect_close(ys.area[bid::inner_surface],
                 4 * pi * 2.25,
                 "shell inner surface");
    expect_close(ys.area[bid::surface], 16 * pi, "shell outer surface");
  }

  TEST(Geometry, Ellipsoid)
  {
    auto e = measure<3>("ellipsoid",
                        "subsection Ellipsoid\nset Semi-axes = 3, 2, 1\nend\n");
    expect_close(e.volume[mid::particle], 4. / 3 * pi * 6, "ellipsoid volume");
    auto e2 = measure<2>(
      "ellipsoid",
      "subsection Ellipsoid\nset Semi-axes = 3, 2\nset Octant = true\nend\n");
    expect_close(e2.volume[mid::particle], pi * 6 / 4, "quarter ellipse");
  }

  TEST(Geometry, CylinderAndQuarter)
  {
    auto c = measure<3>(
      "cylinder", "subsection Cylinder\nset Radius = 1\nset Length = 3\nend\n");
    expect_close(c.volume[mid::particle], 3 * pi, "wire volume");
    expect_close(c.area[bid::surface], 6 * pi, "wire side");
    expect_close(c.area[bid::lower_end], pi, "wire end at z = 0");
    expect_close(c.area[bid::upper_end], pi, "wire end at z = L");
    auto q = measure<3>("cylinder",
                        "subsection Cylinder\nset Radius = 1\nset Length = "
                        "3\nset Quarter = true\nend\n");
    expect_close(q.volume[mid::particle], 3 * pi / 4, "quarter wire");
    expect_close(q.area[bid::symmetry_x], 3., "quarter wire plane");
  }

  TEST(Geometry, ThinFilmAndRectangle)
  {
    auto f = measure<3>(
      "thin film",
      "subsection Thin film\nset Thickness = 1\nset Width = 4\nend\n");
    expect_close(f.volume[mid::particle], 16., "film volume");
    expect_close(f.area[bid::surface], 16., "film top");
    expect_close(f.area[bid::bottom], 16., "film bottom");
    expect_close(f.area[bid::sides], 16., "film sides");
    auto r = measure<2>(
      "thin film",
      "subsection Thin film\nset Thickness = 1\nset Width = 4\nend\n");
    expect_close(r.volume[mid::particle], 4., "rectangle");
    expect_close(r.area[bid::sides], 2., "rectangle sides");
  }
} // namespace

namespace
{
  /** Simplex meshes from Gmsh, split into hypercubes, keep their measure. */
  TEST(Geometry, GmshTrianglesAndTetrahedra)
  {
    const std::string dir    = HETERION_SOURCE_DIR "/meshes/";
    auto              square = measure<2>("gmsh",
                             "subsection Gmsh\nset File name = " + dir
                               + "square_triangles.msh\nset Length unit = "
                                              "2\nend\n");
    EXPECT_NEAR(square.volume[mid::particle], 4., 1e-10);
    EXPECT_NEAR(square.area[bid::surface], 2., 1e-12);
    EXPECT_NEAR(square.area[bid::bottom], 2., 1e-12);
    EXPECT_NEAR(square.area[bid::sides], 4., 1e-12);
    auto cube = measure<3>("gmsh",
                           "subsection Gmsh\nset File name = " + dir
                             + "cube_tetrahedra.msh\nend\n");
    EXPECT_NEAR(cube.volume[mid::particle], 1., 1e-12);
    EXPECT_NEAR(cube.area[bid::surface], 1., 1e-12);
    EXPECT_NEAR(cube.area[bid::bottom], 1., 1e-12);
    EXPECT_NEAR(cube.area[bid::sides], 4., 1e-12);
  }

  // Regions named in a Gmsh file reach a parameter text parsed in-process
  // (parse_parameters_from_string reads the file's physical groups first,
  // as heterion's main() does): its own material names have their
  // `Materials/<name>` subsections and their cells; its boundary names
  // their faces.
  TEST(Geometry, GmshOwnNamesInParsedText)
  {
    const std::string file
      = HETERION_SOURCE_DIR "/tests/regions/two_layers_own_names.msh";
    auto                     strip   = measure<2>("gmsh",
                            "subsection Gmsh\nset File name = " + file
                              + "\nend\nend\nsubsection Materials\n"
                                                      "subsection crystal\n"
                                                      "set Maximum concentration = 3e4\nend\n");
    const types::material_id glass   = ids::material_id("glass");
    const types::material_id crystal = ids::material_id("crystal");
    EXPECT_GE(glass, ids::material::n_built_in);
    EXPECT_NE(glass, crystal);
    EXPECT_NEAR(strip.volume[glass], 1., 1e-12);
    EXPECT_NEAR(strip.volume[crystal], 1., 1e-12);
    EXPECT_NEAR(strip.area[ids::boundary_id("inlet")], 1., 1e-12);
    EXPECT_NEAR(strip.area[ids::boundary_id("walls")], 5., 1e-12);
  }
} // namespace
