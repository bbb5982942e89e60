#include <gtest/gtest.h>

#include "../common/mechanics_solutions.h"
#include "../common/run_case.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

/**
 * Diffusion-induced stress in a free sphere during charging, against the
 * thermal-stress analogy of the Crank series (Cheng & Verbrugge, J. Power
 * Sources 190 (2009) 453) for one-way coupling, and against an independent
 * radial finite-volume solution for two-way (stress-assisted) coupling. One
 * octant with symmetry planes, Q2 concentration, Q3 displacement (the
 * default degree), nondimensional data R = 1 m, D = 1 m^2/s (tau = t),
 * E = 1 Pa, nu = 0.3, Omega = 0.1 m^3/mol.
 */
namespace
{
  using namespace heterion;
  namespace analytic = heterion::analytic;
  using Columns      = std::map<std::string, std::vector<double>>;

  constexpr double E = 1, nu = 0.3, Omega = 0.1;

  /** The value of @p column of probe @p probe at time @p t. */
  double
  probe_value(const Columns     &probes,
              const unsigned int probe,
              const double       t,
              const std::string &column)
  {
    for (unsigned int row = 0; row < probes.at("time").size(); ++row)
      if (probes.at("probe")[row] == probe
          && std::abs(probes.at("time")[row] - t) < 1e-9)
        return probes.at(column)[row];
    ADD_FAILURE() << "no row for probe " << probe << " at t = " << t;
    return std::nan("");
  }

  /**
   * The octant of the unit sphere with mechanics, probes at the centre and
   * at (R, 0, 0), BDF2 with steps growing from 2e-4 to 0.02: the stress
   * at probe 0 is sigma_r(0) = sigma_xx, at probe 1 the hoop stress
   * sigma_t(R) = sigma_yy.
   */
  std::string
  sphere_case(const std::string &dir,
              const std::string &boundary,
              const std::string &mechanics,
              const double       end_time,
              const double       output_interval,
              const std::string &steps
              = "2e-4\n set Step schedule = 0.004: 1e-3, 0.02: 5e-3, 0.1: 0.02")
  {
    return test_support::verification_case(
      "crank_sphere_galvanostatic.prm",
      "set Output directory = " + dir
        + "\nsubsection Geometry\n set Global refinement = 1\nend\n"
          "subsection Materials\n subsection particle\n  set Young modulus = "
          "1\n  set Poisson ratio = 0.3\n  set Partial molar volume = 0.1\n "
          "end\nend\n"
          "subsection Mechanics\n set Enable = true\n"
        + mechanics + "end\nsubsection Linear solver\n set Method = direct\n"
        + "end\n" + boundary + "subsection Time stepping\n set End time = "
        + std::to_string(end_time) + "\n set Time step = " + steps
        + "\nend\nsubsection Output\n set Output interval = "
        + std::to_string(output_interval)
        + "\n set Probe points = 0,0,0; 1,0,0\nend\n");
  }


  /** Lithium inventory equals the integrated inflow to 1e-10 relative. */
  void
  expect_lithium_balance(const Columns &stats)
  {
    for (unsigned int i = 1; i < stats.at("time").size(); ++i)
      EXPECT_NEAR(stats.at("li_inventory")[i],
                  stats.at("li_inflow_total")[i],
                  1e-10 * std::abs(stats.at("li_inflow_total")[i]))
        << "row " << i;
  }


  /**
   * Galvanostatic sphere, one-way coupling (molar flux 1): sigma_r(0) and
   * sigma_t(R) vs the series at tau = 0.05, 0.1, 0.5 within 1 %, and at
   * tau = 0.5 the steady limit +-S_g/5, S_g = Omega E (flux R/D)/(3(1-nu)).
   */
  TEST(SphereTransients, GalvanostaticOneWay)
  {
    const std::string    dir = "mechanics_galvanostatic_sphere";
    test_support::Run<3> run(sphere_case(dir, "", "", 0.5, 0.05));
    const auto           probes = test_support::read_csv(dir + "/probes.csv");
    const double         S_g
      = analytic::sphere_constant_flux_stress_scale(1, 1, 1, E, nu, Omega);
    for (const double tau : {0.05, 0.1, 0.5})
      {
        const auto centre = analytic::sphere_constant_flux_stress(
          0, tau, 1, 1, 1, E, nu, Omega);
        const auto surface = analytic::sphere_constant_flux_stress(
          1, tau, 1, 1, 1, E, nu, Omega);
        const double sigma_r0 = probe_value(probes, 0, tau, "sigma_xx");
        const double sigma_tR = probe_value(probes, 1, tau, "sigma_yy");
        EXPECT_LT(std::abs(sigma_r0 / centre.sigma_r - 1), 1e-2)
          << "tau " << tau << ": sigma_r(0) " << sigma_r0 << ", series "
          << centre.sigma_r;
        EXPECT_LT(std::abs(sigma_tR / surface.sigma_t - 1), 1e-2)
          << "tau " << tau << ": sigma_t(R) " << sigma_tR << ", series "
          << surface.sigma_t;
        std::cout << "galvanostatic tau " << tau << ": sigma_r(0) " << sigma_r0
                  << " (series " << centre.sigma_r << "), sigma_t(R) "
                  << sigma_tR << " (series " << surface.sigma_t << ")"
                  << std::endl;
      }
    EXPECT_LT(std::abs(probe_value(probes, 0, 0.5, "sigma_xx") / (S_g / 5) - 1),
              1e-2);
    EXPECT_LT(std::abs(probe_value(probes, 1, 0.5, "sigma_yy") / (-S_g / 5)
                       - 1),
              1e-2);
    expect_lithium_balance(test_support::read_csv(dir + "/statistics.csv"));
  }


  /**
   * Potentiostatic sphere (surface held at c_s = 8 from c = 0), one-way
   * coupling. The surface hoop stress starts at -Omega E c_s/(3(1 - nu)):
   * sigma_t(R) = k (cbar - c_s), k = Omega E/(3(1 - nu)), holds at every
   * step from t = 0, with cbar the computed mean: within 4 % while the
   * boundary layer is thinner than a cell (tau < 0.005; the recovered
   * stress is a projection), 1 % after. The mesh cannot hold the initial
   * jump at the surface, so at t = 0 cbar is already 0.1 c_s, and the
   * start is -k c_s within 15 %. At tau = 0.02 and 0.1, once the
   * boundary layer is resolved, it matches the series within 1 %. The
   * centre stress peaks at the series' peak within 1 % (output every step).
   */
  TEST(SphereTransients, PotentiostaticOneWay)
  {
    const double      c_s = 8;
    const std::string dir = "mechanics_potentiostatic_sphere";
    const std::string boundary
      = "subsection Boundary conditions\n set Flux boundaries =\n set "
        "Concentration boundaries = surface\n set Surface state of charge = "
        "0.8\nend\n";
    test_support::Run<3> run(sphere_case(dir, boundary, "", 0.2, 0.));
    const auto           probes = test_support::read_csv(dir + "/probes.csv");
    const auto   stats = test_support::read_csv(dir + "/statistics.csv");
    const double k     = Omega * E / (3 * (1 - nu));

    for (unsigned int i = 0; i < stats.at("time").size(); ++i)
      {
        const double t        = stats.at("time")[i];
        const double hoop     = probe_value(probes, 1, t, "sigma_yy");
        const double expected = k * (stats.at("c_mean")[i] - c_s);
        EXPECT_LT(std::abs(hoop / expected - 1), t < 0.005 ? 4e-2 : 1e-2)
          << "tau " << t << ": sigma_t(R) " << hoop << ", k (cbar - c_s) "
          << expected;
      }
    EXPECT_LT(std::abs(probe_value(probes, 1, 0, "sigma_yy") / (-k * c_s) - 1),
              0.15);
    for (const double tau : {0.02, 0.1})
      {
        const auto surface = analytic::sphere_constant_surface_stress(
          1, tau, 1, 1, c_s, E, nu, Omega);
        const double hoop = probe_value(probes, 1, tau, "sigma_yy");
        EXPECT_LT(std::abs(hoop / surface.sigma_t - 1), 1e-2)
          << "sigma_t(R) at tau " << tau << ": " << hoop << ", series "
          << surface.sigma_t;
        std::cout << "potentiostatic: sigma_t(R) at tau " << tau << " " << hoop
                  << " (series " << surface.sigma_t << ")" << std::endl;
      }

    const auto [tau_peak, peak]
      = analytic::sphere_constant_surface_centre_peak(1, 1, c_s, E, nu, Omega);
    double computed_peak = 0, computed_tau = 0;
    for (unsigned int row = 0; row < probes.at("time").size(); ++row)
      if (probes.at("probe")[row] == 0
          && probes.at("sigma_xx")[row] > computed_peak)
        {
          computed_peak = probes.at("sigma_xx")[row];
          computed_tau  = probes.at("time")[row];
        }
    EXPECT_LT(std::abs(computed_peak / peak - 1), 1e-2)
      << "centre peak " << computed_peak << " at tau " << computed_tau
      << ", series " << peak << " at tau " << tau_peak;
    std::cout << "potentiostatic: start sigma_t(R) "
              << probe_value(probes, 1, 0, "sigma_yy") << " (-k c_s "
              << -k * c_s << "); centre peak " << computed_peak << " at tau "
              << computed_tau << " (series " << peak << " at tau " << tau_peak
              << ")" << std::endl;
  }


  /**
   * Galvanostatic sphere with stress-assisted diffusion (theta = 0.5, so
   * 1 + theta c reaches 1.85): c at the centre and at the surface vs the
   * independent radial solution of D div((1 + theta c) grad c) (exact for
   * a free homogeneous sphere) within 0.5 % of c(R) at tau = 0.05, 0.1,
   * 0.5, sigma_r(0) vs 2 Omega E (cbar - c(0))/(9 (1 - nu)) from it within
   * 1 %, and the coupling visibly changes the result (at tau = 0.5, c(0)
   * differs from the one-way value by more than 5 %).
   */
  TEST(SphereTransients, CoupledSphereVsRadialSolution)
  {
    const double theta = 0.5;
    const double T
      = 2 * Omega * Omega * E / (9 * analytic::gas_constant * theta * (1 - nu));
    ASSERT_NEAR(analytic::stress_coupling_theta(E, nu, Omega, T), theta, 1e-12);
    const std::string    dir = "mechanics_coupled_sphere";
    test_support::Run<3> run(
      "set Temperature = " + std::to_string(T) + "\n"
      + sphere_case(dir,
                    "",
                    " set Stress-assisted diffusion = true\n",
                    0.5,
                    0.05,
                    "1e-3\n set Step schedule = 0.01: 4e-3, 0.05: 0.0125, 0.1: "
                    "0.05"));
    const auto probes = test_support::read_csv(dir + "/probes.csv");

    analytic::CoupledSphereRadialSolver radial(1, 1, theta, 1, 0);
    analytic::CoupledSphereRadialSolver uncoupled(1, 1, 0, 1, 0);
    for (const double tau : {0.05, 0.1, 0.5})
      {
        radial.advance_to(tau);
        uncoupled.advance_to(tau);
        const double c0 = probe_value(probes, 0, tau, "c");
        const double cR = probe_value(probes, 1, tau, "c");
        // Relative to the surface value (c(0) is only 0.004 at tau = 0.05).
        const double scale = radial.concentration(1);
        EXPECT_LT(std::abs(c0 - radial.concentration(0)), 5e-3 * scale)
          << "tau " << tau << ": c(0) " << c0 << ", radial "
          << radial.concentration(0);
        EXPECT_LT(std::abs(cR - radial.concentration(1)), 5e-3 * scale)
          << "tau " << tau << ": c(R) " << cR << ", radial "
          << radial.concentration(1);
        if (tau == 0.5)
          {
            EXPECT_GT(std::abs(radial.concentration(0)
                                 / uncoupled.concentration(0)
                               - 1),
                      5e-2);
          }
        const double sigma_r0 = probe_value(probes, 0, tau, "sigma_xx");
        const double expected = 2 * Omega * E
                                * (radial.mean() - radial.concentration(0))
                                / (9 * (1 - nu));
        EXPECT_LT(std::abs(sigma_r0 / expected - 1), 1e-2)
          << "tau " << tau << ": sigma_r(0) " << sigma_r0 << ", radial "
          << expected;
        std::cout << "coupled tau " << tau << ": c(0) " << c0 << " (radial "
                  << radial.concentration(0) << ", one-way "
                  << uncoupled.concentration(0) << "), c(R) " << cR
                  << " (radial " << radial.concentration(1) << "), sigma_r(0) "
                  << sigma_r0 << " (radial " << expected << ")" << std::endl;
      }
    expect_lithium_balance(test_support::read_csv(dir + "/statistics.csv"));
  }
} // namespace
