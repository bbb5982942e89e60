#include <gtest/gtest.h>

#include "../common/analytic_solutions.h"
#include "../common/run_case.h"

#include <cmath>

/**
 * A unit cube read from a Gmsh file of tetrahedra (each split into four
 * hexahedra) under a constant inward flux on its top face, closed elsewhere:
 * a plane sheet. The top and bottom centres must follow Crank's series to
 * 0.5 % at tau = 0.1 and 0.5 (relative to the local value, or to 5 % of
 * the scale F L / D = 1 where the value is smaller, as for the sphere); lithium
 * is conserved to 1e-10. This checks the mesh conversion and the boundary ids
 * taken from the physical names.
 */
namespace
{
  using namespace heterion;

  TEST(GmshSlab, ConstantFluxThroughTopFace)
  {
    const std::string    dir = "gmsh_slab";
    test_support::Run<3> run(test_support::verification_case(
      "slab_gmsh_tetrahedra.prm",
      "set Output directory = " + dir
        + "\nsubsection Geometry\nsubsection Gmsh\nset File name = "
        + HETERION_SOURCE_DIR + "/meshes/cube_tetrahedra.msh\nend\nend\n"));
    const auto           probes = test_support::read_csv(dir + "/probes.csv");
    unsigned int         n_checked = 0;
    for (unsigned int row = 0; row < probes.at("time").size(); ++row)
      for (const double tau : {0.1, 0.5})
        if (std::abs(probes.at("time")[row] - tau) < 1e-9)
          {
            const double z = probes.at("z")[row];
            const double exact
              = analytic::slab_constant_flux(z, tau, 1, 1, 1, 0);
            EXPECT_LT(std::abs(probes.at("c")[row] - exact)
                        / std::max(exact, 0.05),
                      5e-3)
              << "z = " << z << ", tau = " << tau
              << ": c = " << probes.at("c")[row] << ", exact " << exact;
            ++n_checked;
          }
    EXPECT_EQ(n_checked, 4u);
    const auto stats = test_support::read_csv(dir + "/statistics.csv");
    const auto n     = stats.at("li_inventory").size() - 1;
    EXPECT_NEAR(stats.at("li_inventory")[n] / 0.5, 1., 1e-10);
  }
} // namespace
