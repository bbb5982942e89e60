#include <gtest/gtest.h>

#include "../common/analytic_solutions.h"
#include "../common/run_case.h"

#include <cmath>

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

  const std::string common_settings = R"(
subsection Materials
  subsection particle
    set Diffusivity           = 1
    set Maximum concentration = 10
  end
end
subsection Time stepping
  set End time      = 0.5
  set Time step     = 1e-4
  set Step schedule = 0.002: 5e-4, 0.02: 2.5e-3
  set Scheme        = BDF2
end
subsection Linear solver
  set Method = iterative
end
subsection Output
  set Output interval = 0.05
end
)";

  std::string
  sphere_settings(const int dim, const bool octant, const int refinement)
  {
    return common_settings + "set Dimension = " + std::to_string(dim)
           + "\nsubsection Geometry\n set Model = sphere\n set Global "
             "refinement = "
           + std::to_string(refinement)
           + "\n subsection Sphere\n  set Radius = 1\n"
             "  set Octant = "
           + (octant ? "true" : "false") + "\n end\nend\n";
  }

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
   * Runs a constant-flux case (molar flux 1 inward) with probes at the centre
   * and at (R, 0, 0), then checks them and the lithium balance.
   */
  template <int dim, typename Exact>
  void
  check_flux_case(const std::string &dir,
                  const bool         octant,
                  const int          refinement,
                  const Exact       &exact)
  {
    const std::string      probes = dim == 2 ? "0,0; 1,0" : "0,0,0; 1,0,0";
    test_support::Run<dim> run(
      sphere_settings(dim, octant, refinement) + "set Output directory = " + dir
      + "\nsubsection Boundary conditions\n set Flux type = molar flux\n"
        " set Flux = 1\nend\nsubsection Output\n set Probe points = "
      + probes + "\nend\n");
    check_probes<dim>(dir, exact, 5e-3);
    check_conservation(dir);
  }

  TEST(Crank, GalvanostaticSphereOctant)
  {
    check_flux_case<3>("crank_sphere_octant", true, 2, sphere_flux);
  }

  TEST(Crank, GalvanostaticFullSphere)
  {
    check_flux_case<3>("crank_sphere_full", false, 2, sphere_flux);
  }

  TEST(Crank, GalvanostaticCylinderDisc)
  {
    check_flux_case<2>(
      "crank_cylinder", true, 4, [](const double r, const double t) {
        return analytic::cylinder_constant_flux(r, t, 1., 1., 1., 0.);
      });
  }

  TEST(Crank, PotentiostaticSphereMeanTheta)
  {
    const std::string    dir = "crank_potentiostatic";
    test_support::Run<3> run(sphere_settings(3, true, 2) + R"(
set Output directory = crank_potentiostatic
subsection Boundary conditions
  set Flux boundaries          =
  set Concentration boundaries = surface
  set Surface state of charge  = 0.8
end
)");
    const auto   stats     = test_support::read_csv(dir + "/statistics.csv");
    unsigned int n_checked = 0;
    for (unsigned int i = 0; i < stats.at("time").size(); ++i)
      for (const double tau : {0.05, 0.1, 0.5})
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
    EXPECT_EQ(n_checked, 3u);
  }
} // namespace
