#include <physics/constants.h>
#include <physics/kinetics/open_circuit_potential.h>

#include <gtest/gtest.h>

#include "../common/analytic_solutions.h"
#include "../common/run_case.h"

#include <cmath>

/**
 * Butler-Volmer kinetics with galvanostatic and potentiostatic control
 * against closed-form limits: the single-particle limit of a fast-diffusing
 * sphere, and a potentiostatic step with fast kinetics against Crank's
 * constant-surface-concentration series. Both check the charge balance
 * \int I dt = F (change of the lithium inventory).
 */
namespace
{
  using namespace heterion;
  namespace analytic = heterion::analytic;

  /**
   * The charge balance, F (inventory_n - inventory_{n-1}) = dt_n I_n for
   * every step n and F (inventory_N - inventory_0) = sum_n dt_n I_n, each
   * to @p tolerance of the charge passed, sum_n |dt_n I_n| (exact for a
   * constant current and for backward Euler, up to the Newton tolerance).
   */
  void
  check_charge_balance(const std::map<std::string, std::vector<double>> &s,
                       const double tolerance)
  {
    const auto &inventory = s.at("li_inventory");
    const auto &current   = s.at("current");
    const auto &dt        = s.at("dt");
    double      passed = 0, net = 0, worst_step = 0;
    for (unsigned int i = 1; i < inventory.size(); ++i)
      {
        passed += std::abs(dt[i] * current[i]);
        net += dt[i] * current[i];
        worst_step = std::max(worst_step,
                              std::abs(constants::faraday
                                         * (inventory[i] - inventory[i - 1])
                                       - dt[i] * current[i]));
      }
    const double total = std::abs(
      constants::faraday * (inventory.back() - inventory.front()) - net);
    std::cout << "charge balance relative to the charge passed: worst step "
              << worst_step / passed << ", whole run " << total / passed
              << std::endl;
    EXPECT_LT(worst_step / passed, tolerance);
    EXPECT_LT(total / passed, tolerance);
    EXPECT_GT(inventory.size(), 10u);
  }

  TEST(Electrochemistry, SingleParticleLimit)
  {
    const std::string    dir = "bv_single_particle";
    test_support::Run<3> run(
      test_support::verification_case("bv_single_particle.prm",
                                      "set Output directory = " + dir));
    const auto s = test_support::read_csv(dir + "/statistics.csv");

    const double R = 1e-6, c_max = 2.29e4, k = 2e-11, c_e = 1000;
    const double T = 298.15, rate = 0.5;
    const double F = constants::faraday, RT = constants::gas_constant * T;
    // i = I / A = rate F c_max (V / A) / 3600 with V / A = R / 3.
    const double i = rate * F * c_max * R / 3 / constants::seconds_per_hour;
    const auto   ocp
      = kinetics::OpenCircuitPotential::create("test", "LiMn2O4_Doyle1996");
    double worst = 0;
    for (unsigned int n = 0; n < s.at("time").size(); ++n)
      {
        const double t       = s.at("time")[n];
        const double theta   = s.at("theta_mean")[n];
        const double theta_s = s.at("theta_surface_mean")[n];
        const double c_s     = theta_s * c_max;
        const double i0      = F * k * std::sqrt(c_e * (c_max - c_s) * c_s);
        const double V_formula
          = ocp->value(theta) - 2 * RT / F * std::asinh(i / (2 * i0));
        worst = std::max(worst, std::abs(s.at("voltage")[n] - V_formula));
        EXPECT_LT(std::abs(s.at("voltage")[n] - V_formula), 1e-3)
          << "t = " << t << ": V " << s.at("voltage")[n] << ", formula "
          << V_formula;
        // theta_mean follows the integrated current exactly.
        EXPECT_NEAR(s.at("soc")[n],
                    0.2 + rate * t / constants::seconds_per_hour,
                    1e-10)
          << "t = " << t;
        EXPECT_NEAR(s.at("current")[n] / s.at("current")[0], 1., 1e-10);
      }
    std::cout << "max |V - V_formula| = " << worst * 1e3 << " mV over "
              << s.at("time").size() << " rows" << std::endl;
    EXPECT_NEAR(s.at("time").back(), 4320., 1e-9);
    EXPECT_NEAR(s.at("soc").back(), 0.8, 1e-10);
    check_charge_balance(s, 1e-10);
  }

  TEST(Electrochemistry, PotentiostaticCrank)
  {
    const std::string    dir = "bv_sphere_potentiostatic";
    test_support::Run<3> run(
      test_support::verification_case("bv_sphere_potentiostatic.prm",
                                      "set Output directory = " + dir));
    const auto   s         = test_support::read_csv(dir + "/statistics.csv");
    unsigned int n_checked = 0;
    for (unsigned int n = 0; n < s.at("time").size(); ++n)
      for (const double tau : {0.05, 0.1, 0.5})
        if (std::abs(s.at("time")[n] - tau) < 1e-9)
          {
            // c0 = 1, c_surface = 8 (theta 0.1 -> 0.8), c_max = 10.
            const double exact
              = analytic::sphere_constant_surface_mean(tau, 1., 1., 8., 1.)
                / 10.;
            EXPECT_LT(std::abs(s.at("theta_mean")[n] - exact) / exact, 5e-3)
              << "tau = " << tau << ": theta_mean " << s.at("theta_mean")[n]
              << ", exact " << exact;
            // The surface sits at theta_b = U^{-1}(V) = 0.8.
            EXPECT_NEAR(s.at("theta_surface_mean")[n], 0.8, 1e-3);
            EXPECT_EQ(s.at("voltage")[n], 3.2);
            ++n_checked;
          }
    EXPECT_EQ(n_checked, 3u);
    // Lithiation slows down as the particle fills.
    EXPECT_GT(s.at("current")[1], s.at("current").back());
    EXPECT_GT(s.at("current").back(), 0.);
    check_charge_balance(s, 1e-10);
  }
} // namespace

namespace
{
  using namespace heterion;

  TEST(Electrochemistry, CcCvCycles)
  {
    const std::string    dir = "bv_cccv_cycles";
    test_support::Run<3> run(
      test_support::verification_case("bv_cccv_cycles.prm",
                                      "set Output directory = " + dir));
    const auto  s    = test_support::read_csv(dir + "/statistics.csv");
    const auto &step = s.at("protocol_step"), &cycle = s.at("cycle");
    const auto &current = s.at("current"), &dt = s.at("dt");
    // 1C of this octant: I(row 1 of the first discharge).
    const double one_c = current[1];
    ASSERT_GT(one_c, 0.);
    // Charge passed per cycle in discharge (step 1) and in charge and hold
    // (steps 2, 3); the last row of each hold.
    double       q_discharge[4] = {0, 0, 0, 0}, q_charge[4] = {0, 0, 0, 0};
    double       last_hold_current[4] = {0, 0, 0, 0};
    unsigned int n_hold_rows          = 0;
    for (unsigned int n = 1; n < s.at("time").size(); ++n)
      {
        const unsigned int k = static_cast<unsigned int>(cycle[n]);
        ASSERT_GE(k, 1u);
        ASSERT_LE(k, 3u);
        if (step[n] == 1)
          q_discharge[k] += dt[n] * current[n];
        else
          q_charge[k] -= dt[n] * current[n];
        if (step[n] == 3)
          {
            last_hold_current[k] = current[n];
            ++n_hold_rows;
          }
        if (step[n] == 1 || step[n] == 2)
          {
            EXPECT_NEAR(std::abs(current[n]) / one_c, 1., 1e-9) << "row " << n;
          }
      }
    EXPECT_GT(n_hold_rows, 6u);
    for (unsigned int k = 1; k <= 3; ++k)
      {
        // The hold ends exactly at C/50 (event location).
        EXPECT_NEAR(-last_hold_current[k] / (one_c / 50), 1., 1e-6)
          << "cycle " << k;
        std::cout << "cycle " << k << ": discharge " << q_discharge[k]
                  << " C, charge " << q_charge[k] << " C, efficiency "
                  << q_charge[k] / q_discharge[k] << std::endl;
      }
    // Cycles 2 and 3 start and end in the state the cut-offs fix.
    for (const unsigned int k : {2u, 3u})
      EXPECT_NEAR(q_charge[k] / q_discharge[k], 1., 1e-8) << "cycle " << k;
    EXPECT_NEAR(q_discharge[2] / q_discharge[3], 1., 1e-6);
    check_charge_balance(s, 1e-10);
  }
} // namespace
