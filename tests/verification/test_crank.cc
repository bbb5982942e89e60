#include <gtest/gtest.h>

#include "../common/analytic_solutions.h"
#include "../common/run_case.h"

#include <cmath>
#include <cstdio>
#include <vector>

/**
 * Transport against the classical series solutions (Crank, The Mathematics
 * of Diffusion): a sphere (full and octant) and an infinite cylinder (2D
 * disc) under constant inward flux, and a sphere with a fixed surface
 * concentration. Nondimensional data: R = 1 m, D = 1 m^2/s, so tau = t.
 * Errors are relative to the analytic value at the point, or to 5 % of
 * the concentration scale where the analytic value is smaller than that.
 */
namespace
{
  using namespace heterion;
  namespace analytic = heterion::analytic;

  /** Checks the probes (centre, surface) at tau = 0.05, 0.1, 0.5. */
  template <int dim, typename Exact>
  void
  check_probes(const std::string &directory,
               const Exact       &exact,
               const double       tolerance)
  {
    const auto   probes    = test_support::read_csv(directory + "/probes.csv");
    unsigned int n_checked = 0;
    for (unsigned int row = 0; row < probes.at("time").size(); ++row)
      {
        const double t = probes.at("time")[row];
        for (const double tau : {0.05, 0.1, 0.5})
          if (std::abs(t - tau) < 1e-9)
            {
              const double r     = probes.at("x")[row] + probes.at("y")[row];
              const double value = probes.at("c")[row];
              const double ref   = exact(r, t);
              // Relative to the local value; where that value is below 5 %
              // of the concentration scale j R / D = 1 (the centre at
              // tau = 0.05 holds 0.3 %), relative to 5 % of the scale.
              EXPECT_LT(std::abs(value - ref) / std::max(std::abs(ref), 0.05),
                        tolerance)
                << directory << ": r = " << r << ", tau = " << t
                << ": c = " << value << ", exact " << ref;
              ++n_checked;
            }
      }
    EXPECT_EQ(n_checked, 6u) << "expected centre and surface at three times";
  }

  void
  check_conservation(const std::string &directory)
  {
    const auto  stats = test_support::read_csv(directory + "/statistics.csv");
    const auto &inventory = stats.at("li_inventory");
    const auto &inflow    = stats.at("li_inflow_total");
    for (unsigned int i = 1; i < inventory.size(); ++i)
      EXPECT_NEAR((inventory[i] - inventory[0]) / inflow[i], 1., 1e-10)
        << "step " << i;
  }

  const auto sphere_flux = [](const double r, const double t) {
    return analytic::sphere_constant_flux(r, t, 1., 1., 1., 0.);
  };

  /**
   * Runs a constant-flux verification case (from parameter_files/
   * verification/) into @p dir, then checks its probes and lithium balance.
   */
  template <int dim, typename Exact>
  void
  check_flux_case(const std::string &file,
                  const std::string &dir,
                  const std::string &overrides,
                  const Exact       &exact)
  {
    test_support::Run<dim> run(test_support::verification_case(
      file, "set Output directory = " + dir + "\n" + overrides));
    check_probes<dim>(dir, exact, 5e-3);
    check_conservation(dir);
  }

  TEST(Crank, GalvanostaticSphereOctant)
  {
    check_flux_case<3>("crank_sphere_galvanostatic.prm",
                       "crank_sphere_octant",
                       "",
                       sphere_flux);
  }

  TEST(Crank, GalvanostaticFullSphere)
  {
    check_flux_case<3>("crank_sphere_galvanostatic.prm",
                       "crank_sphere_full",
                       "subsection Geometry\nsubsection Sphere\nset Octant = "
                       "false\nend\nend\n",
                       sphere_flux);
  }

  TEST(Crank, GalvanostaticCylinderDisc)
  {
    check_flux_case<2>("crank_cylinder_galvanostatic.prm",
                       "crank_cylinder",
                       "",
                       [](const double r, const double t) {
                         return analytic::cylinder_constant_flux(
                           r, t, 1., 1., 1., 0.);
                       });
  }

  /** The mean of a sphere held at theta = 0.8 from theta = 0 (Crank). */
  void
  check_potentiostatic_sphere(const std::string         &dir,
                              const std::string         &overrides,
                              const std::vector<double> &times
                              = {0.05, 0.1, 0.5})
  {
    test_support::Run<3> run(
      test_support::verification_case("crank_sphere_potentiostatic.prm",
                                      "set Output directory = " + dir + "\n"
                                        + overrides));
    const auto   stats     = test_support::read_csv(dir + "/statistics.csv");
    unsigned int n_checked = 0;
    for (unsigned int i = 0; i < stats.at("time").size(); ++i)
      for (const double tau : times)
        if (std::abs(stats.at("time")[i] - tau) < 1e-9)
          {
            const double exact
              = analytic::sphere_constant_surface_mean(tau, 1., 1., 8., 0.)
                / 10.;
            EXPECT_LT(std::abs(stats.at("theta_mean")[i] - exact) / exact, 5e-3)
              << "tau = " << tau << ": theta_mean " << stats.at("theta_mean")[i]
              << ", exact " << exact;
            ++n_checked;
          }
    EXPECT_EQ(n_checked, times.size());
  }

  TEST(Crank, PotentiostaticSphereMeanTheta)
  {
    check_potentiostatic_sphere("crank_potentiostatic", "");
  }

  TEST(Crank, ArrheniusDiffusivity)
  {
    // At 350 K with E_a = 30 kJ/mol, D(298.15 K) = 1/f gives D = 1 at the
    // run's temperature: the same Crank solution. A missing or inverted
    // factor changes the diffusion time by f = 6.0 (or its square).
    const double f = std::exp(30e3 / 8.314462618 * (1 / 298.15 - 1 / 350.));
    char         text[512];
    std::snprintf(text,
                  sizeof(text),
                  "set Temperature = 350\nsubsection Materials\nsubsection "
                  "particle\nset Diffusivity = %.17g\nset Diffusivity "
                  "activation energy = 30e3\nend\nend\nsubsection Time "
                  "stepping\nset End time = 0.1\nend\n",
                  1 / f);
    check_potentiostatic_sphere("crank_potentiostatic_350K", text, {0.05, 0.1});
  }
} // namespace
