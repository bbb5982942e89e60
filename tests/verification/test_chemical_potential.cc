#include <physics/constants.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>

/**
 * `Diffusion driving force = chemical potential` against its closed form:
 * with the Nernstian open-circuit potential U = U0 - (RT/F) ln(theta / (1 -
 * theta)) the chemical potential mu = -F (U - U0) is that of the ideal
 * lattice gas, and J = -(D c / R T) grad mu = -D / (1 - theta) grad c. A
 * disc charged at constant flux from theta = 0.2 to a mean of 0.6 is run
 * twice: (a) chemical potential with constant D = 1 and the Nernstian U,
 * (b) concentration gradient with the diffusivity expression 1 / (1 -
 * theta). The two must agree to the Newton tolerance at every probe and
 * output time (they differ by 6 % of c_max without the thermodynamic
 * factor), and both conserve lithium exactly.
 */
namespace
{
  using namespace heterion;

  std::string
  disc_case(const std::string &dir, const std::string &material)
  {
    return test_support::verification_case(
      "crank_cylinder_galvanostatic.prm",
      "set Output directory = " + dir
        + "\n"
          "subsection Geometry\nset Global refinement = 3\nend\n"
          "subsection Boundary conditions\nset Flux = 4\nend\n"
          "subsection Initial conditions\n"
          "set Initial state of charge = 0.2\nend\n"
          "subsection Materials\nsubsection particle\n"
        + material + "end\nend\n");
  }

  TEST(ChemicalPotential, NernstianCurveEqualsLatticeGasDiffusivity)
  {
    // RT/F at the default temperature, 298.15 K, written out so that the
    // expression is the Nernstian curve exactly.
    std::ostringstream rt_over_f;
    rt_over_f << std::setprecision(17) << "(" << constants::gas_constant
              << "*298.15/" << constants::faraday << ")";
    test_support::Run<2> chemical(
      disc_case("chemical_potential_nernst",
                "set Diffusivity = 1\n"
                "set Diffusion driving force = chemical potential\n"
                "set Open-circuit potential = 4 - "
                  + rt_over_f.str() + "*log(theta/(1-theta))\n"));
    test_support::Run<2> fickian(
      disc_case("chemical_potential_fickian",
                "set Diffusivity = 1/(1-min(theta,0.999))\n"));

    const auto a
      = test_support::read_csv("chemical_potential_nernst/probes.csv");
    const auto b
      = test_support::read_csv("chemical_potential_fickian/probes.csv");
    ASSERT_EQ(a.at("c").size(), b.at("c").size());
    ASSERT_GE(a.at("c").size(), 20u);
    const double c_max      = 10;
    double       worst      = 0;
    double       theta_high = 0;
    for (unsigned int i = 0; i < a.at("c").size(); ++i)
      {
        EXPECT_DOUBLE_EQ(a.at("time")[i], b.at("time")[i]);
        worst = std::max(worst, std::abs(a.at("c")[i] - b.at("c")[i]) / c_max);
        theta_high = std::max(theta_high, a.at("c")[i] / c_max);
      }
    std::cout << "chemical potential vs 1/(1-theta) diffusivity: max |dc| / "
                 "c_max = "
              << worst << ", highest probed theta " << theta_high << std::endl;
    EXPECT_LT(worst, 1e-7);
    // The run reached the range where Theta = 1/(1-theta) matters.
    EXPECT_GT(theta_high, 0.6);

    for (const std::string dir :
         {"chemical_potential_nernst", "chemical_potential_fickian"})
      {
        const auto  s         = test_support::read_csv(dir + "/statistics.csv");
        const auto &inventory = s.at("li_inventory");
        const auto &inflow    = s.at("li_inflow_total");
        // To the 12 digits of the CSV, relative to the inventory.
        for (unsigned int i = 1; i < inventory.size(); ++i)
          EXPECT_NEAR(inventory[i] - inventory[0],
                      inflow[i],
                      1e-10 * inventory[i])
            << dir << ", step " << i;
      }
    // Same Jacobian up to the difference quotients of the two expressions:
    // the Newton iterations agree.
    const auto sa  = test_support::read_csv("chemical_potential_nernst/"
                                            "statistics.csv");
    const auto sb  = test_support::read_csv("chemical_potential_fickian/"
                                            "statistics.csv");
    double     n_a = 0, n_b = 0;
    for (const double n : sa.at("newton_iterations"))
      n_a += n;
    for (const double n : sb.at("newton_iterations"))
      n_b += n;
    std::cout << "Newton iterations: chemical potential " << n_a
              << ", concentration gradient " << n_b << " in "
              << sa.at("newton_iterations").size() << " steps" << std::endl;
    EXPECT_LE(std::abs(n_a - n_b), 0.05 * n_b);
    EXPECT_LE(n_a, 3.0 * sa.at("newton_iterations").size());
  }
} // namespace
