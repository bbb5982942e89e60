#include <physics/constants.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>
#include <string>

/**
 * Butler-Volmer kinetics on the interface between an active film and an
 * electrolyte coating (parameter_files/verification/bv_coated_film.prm):
 * under galvanostatic control the interface current density i = I / A is
 * uniform, the coating carries it by ionic conduction to phi_e = 0 on its
 * top, and the voltage is that of the bare film with the kinetics on its
 * top minus the drop phi_e(0) - phi_e(H) = i \int dy / kappa across the
 * coating (and minus the drop in the solid with a resolved electronic
 * conduction). The concentration is the same in both runs: the coating
 * stores no lithium.
 */
namespace
{
  using namespace heterion;

  constexpr double film = 1e-6, coating = 0.5e-6, width = 0.25e-6;
  constexpr double kappa = 1e-5, sigma_e = 1e-5;

  using Table = std::map<std::string, std::vector<double>>;

  Table
  run_film(const std::string &dir, const std::string &overrides)
  {
    test_support::Run<2> run(
      test_support::verification_case("bv_coated_film.prm",
                                      "set Output directory = " + dir + "\n"
                                        + overrides));
    return test_support::read_csv(dir + "/statistics.csv");
  }

  const std::string bare = "subsection Geometry\nsubsection Thin film\n"
                           "set Coating thickness = 0\nend\nend\n"
                           "subsection Electrochemistry\n"
                           "set Electrolyte materials =\n"
                           "set Reaction boundaries = surface\nend\n";

  const std::string resolved = "subsection Electrochemistry\n"
                               "set Electronic conduction = resolved\n"
                               "set Contact boundaries = bottom\nend\n";

  /**
   * V(bare) - V(coated) = @p drop in every row (to @p tolerance relative),
   * the same lithium inventory, and F d(inventory) = I dt.
   */
  void
  check_shift(const Table       &coated,
              const Table       &reference,
              const double       drop,
              const double       tolerance,
              const std::string &label)
  {
    ASSERT_EQ(coated.at("voltage").size(), reference.at("voltage").size());
    ASSERT_GE(coated.at("voltage").size(), 4u);
    double worst = 0;
    for (unsigned int i = 0; i < coated.at("voltage").size(); ++i)
      {
        const double shift
          = reference.at("voltage")[i] - coated.at("voltage")[i];
        worst = std::max(worst, std::abs(shift - drop) / drop);
        EXPECT_NEAR(coated.at("li_inventory")[i],
                    reference.at("li_inventory")[i],
                    1e-11 * reference.at("li_inventory")[i])
          << label << ", row " << i;
        if (i > 0)
          {
            EXPECT_NEAR(constants::faraday
                          * (coated.at("li_inventory")[i]
                             - coated.at("li_inventory")[i - 1]),
                        coated.at("current")[i] * coated.at("dt")[i],
                        1e-9 * coated.at("current")[i] * coated.at("dt")[i])
              << label << ", row " << i;
          }
      }
    std::cout << label << ": V shift " << drop * 1e3
              << " mV expected, worst relative error " << worst << std::endl;
    EXPECT_LT(worst, tolerance) << label;
  }

  /** i = I / A of the 1C run. */
  double
  current_density(const Table &s)
  {
    return s.at("current").back() / width;
  }

  TEST(Electrolyte, UniformCoatingShiftsTheVoltageByItsOhmicDrop)
  {
    const Table reference = run_film("bv_bare_film", bare);
    const Table coated    = run_film("bv_coated_film", "");
    // 1C of the film alone: the coating adds no capacity.
    const double i = current_density(coated);
    EXPECT_NEAR(i,
                constants::faraday * 2e4 * film / constants::seconds_per_hour,
                1e-9 * i);
    // phi_e is linear across a uniform coating: exact on any mesh.
    check_shift(coated, reference, i * coating / kappa, 1e-9, "uniform kappa");
  }

  TEST(Electrolyte, GradedCoatingMatchesItsClosedForm)
  {
    // kappa(y) = kappa_0 exp((y - H) / L), L = H_c: the drop is
    // i (L / kappa_0) (1 - exp(-H_c / L)).
    const Table reference = run_film("bv_bare_film_graded", bare);
    const Table coated    = run_film(
      "bv_coated_film_graded",
      "set Finite element degree = 2\n"
         "subsection Geometry\nsubsection Thin film\n"
         "set Cells across coating = 4\nend\nend\n"
         "subsection Disorder\nset Fields = grade\n"
         "subsection grade\nset Model = function\nsubsection Function\n"
         "set Expression = exp((y - 1e-6) / 0.5e-6)\nend\nend\n"
         "subsection Properties\nset Ionic conductivity = multiply grade\n"
         "end\nend\n");
    const double i    = current_density(coated);
    const double drop = i * coating / kappa * (1 - std::exp(-1.));
    // (Gauss quadrature of 1/kappa on 4 Q2 cells.)
    check_shift(coated, reference, drop, 1e-5, "graded kappa");
  }

  TEST(Electrolyte, DropsInTheSolidAndInTheCoatingAdd)
  {
    // Uniform sigma_e, contact at the bottom: psi is linear too, and the
    // two ohmic drops add.
    const Table  reference = run_film("bv_bare_film_infinite", bare);
    const Table  coated    = run_film("bv_coated_film_resolved", resolved);
    const double i         = current_density(coated);
    check_shift(coated,
                reference,
                i * (coating / kappa + film / sigma_e),
                1e-9,
                "coating + resolved solid");
  }
} // namespace
