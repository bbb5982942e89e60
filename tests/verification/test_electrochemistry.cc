#include <physics/constants.h>
#include <physics/materials/open_circuit_potential.h>

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

  /**
   * Runs bv_single_particle.prm with @p overrides into @p dir and checks
   * V(t) = U(theta) + @p ocp_shift - (2RT/F) asinh(i/(2 i0)) within 1 mV
   * at temperature @p T with the rate constant 2e-11 times @p k_factor,
   * soc against the integrated current and the charge balance.
   */
  void
  check_single_particle(const std::string &dir,
                        const std::string &overrides,
                        const double       T,
                        const double       k_factor,
                        const double       ocp_shift)
  {
    test_support::Run<3> run(
      test_support::verification_case("bv_single_particle.prm",
                                      "set Output directory = " + dir + "\n"
                                        + overrides));
    const auto s = test_support::read_csv(dir + "/statistics.csv");

    const double R = 1e-6, c_max = 2.29e4, k = 2e-11 * k_factor, c_e = 1000;
    const double rate = 0.5;
    const double F = constants::faraday, RT = constants::gas_constant * T;
    // i = I / A = rate F c_max (V / A) / 3600 with V / A = R / 3.
    const double i = rate * F * c_max * R / 3 / constants::seconds_per_hour;
    const auto   ocp
      = materials::OpenCircuitPotential::create("test", "LiMn2O4_Doyle1996");
    double worst = 0;
    for (unsigned int n = 0; n < s.at("time").size(); ++n)
      {
        const double t         = s.at("time")[n];
        const double theta     = s.at("theta_mean")[n];
        const double theta_s   = s.at("theta_surface_mean")[n];
        const double c_s       = theta_s * c_max;
        const double i0        = F * k * std::sqrt(c_e * (c_max - c_s) * c_s);
        const double V_formula = ocp->value(theta) + ocp_shift
                                 - 2 * RT / F * std::asinh(i / (2 * i0));
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

  TEST(Electrochemistry, SingleParticleLimit)
  {
    check_single_particle("bv_single_particle", "", 298.15, 1., 0.);
  }

  TEST(Electrochemistry, SingleParticleLimitAtElevatedTemperature)
  {
    // 318.15 K: the rate constant gains its Arrhenius factor, the OCP its
    // entropic shift (T - 298.15 K) dU/dT, the asinh term its RT.
    const double T = 318.15, E_a = 30e3, dU_dT = -4e-4;
    const double k_factor
      = std::exp(E_a / constants::gas_constant * (1 / 298.15 - 1 / T));
    check_single_particle(
      "bv_single_particle_318K",
      "set Temperature = 318.15\nsubsection Materials\nsubsection "
      "particle\nset Reaction activation energy = 30e3\nset Entropic "
      "coefficient = -4e-4\nend\nend\n",
      T,
      k_factor,
      (T - 298.15) * dU_dT);
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

  // A charge that starts (after a rest) below its cut-off, but above it as
  // soon as the current flows (the kinetic overpotential jumps in): the
  // cut-off counts as met at the step start and the step ends after one
  // short step, instead of event location shrinking the step towards zero.
  TEST(Electrochemistry, CutOffCrossedByTheJumpAtTheStepStart)
  {
    const std::string    dir = "bv_cutoff_at_start";
    test_support::Run<3> run(test_support::verification_case(
      "bv_cccv_cycles.prm",
      "set Output directory = " + dir
        + "\nsubsection Electrochemistry\nset Protocol = Charge at 1C until "
          "4.15 V; Rest for 60 s; Charge at 1C until 4.145 V\nset Protocol "
          "repeats = 1\nend\n"));
    const auto           s = test_support::read_csv(dir + "/statistics.csv");
    const auto       &step = s.at("protocol_step"), &voltage = s.at("voltage");
    const std::size_t last = step.size() - 1;
    // The rest relaxes below 4.145 V; the third step is one row, shorter
    // than 1e-3 of the 30 s step but not collapsed, and ends above its
    // cut-off.
    ASSERT_EQ(step[last], 3.);
    EXPECT_EQ(step[last - 1], 2.);
    EXPECT_LT(voltage[last - 1], 4.145);
    EXPECT_GT(voltage[last], 4.145);
    EXPECT_LT(s.at("dt")[last], 0.03);
    // Not shrunk to round-off (30 secant cuts gave 2.8e-10 s before).
    EXPECT_GT(s.at("dt")[last], 1e-6);
    // The first charge ends at its cut-off (event location, 1e-6 V).
    std::size_t first_end = 0;
    while (step[first_end + 1] == 1)
      ++first_end;
    EXPECT_NEAR(voltage[first_end], 4.15, 1e-6);
    check_charge_balance(s, 1e-10);
  }
} // namespace

namespace
{
  using namespace heterion;

  /** Overrides of bv_thin_film_cv.prm for one sweep. */
  std::string
  cv_overrides(const std::string &dir,
               const std::string &protocol,
               const double       time_step,
               const std::string &scheme)
  {
    return "set Output directory = " + dir
           + "\nsubsection Electrochemistry\nset Protocol = " + protocol
           + "\nset Protocol repeats = 2\nend\n"
             "subsection Time stepping\nset Time step = "
           + std::to_string(time_step) + "\nset Scheme = " + scheme + "\nend\n";
  }

  TEST(Electrochemistry, CyclicVoltammetryPeakScaling)
  {
    // Reversible linear sweeps into a thick film (semi-infinite planar
    // diffusion): Randles-Sevcik.
    const double F = constants::faraday, RT = constants::gas_constant * 298.15;
    const double D = 1e-14, c_max = 2e4, width = 50e-9, dV = 2e-3;
    std::vector<double> log_rate, log_peak;
    for (const double rate : {0.5e-3, 2e-3, 8e-3})
      {
        const std::string    dir = "bv_thin_film_cv_" + std::to_string(rate);
        test_support::Run<2> run(test_support::verification_case(
          "bv_thin_film_cv.prm",
          cv_overrides(dir,
                       "Sweep to 3.85 V at " + std::to_string(rate * 1e3)
                         + " mV/s",
                       dV / rate,
                       "BDF2")
            + "subsection Electrochemistry\nset Protocol repeats = 1\nend"));
        const auto  s = test_support::read_csv(dir + "/statistics.csv");
        const auto &I = s.at("current"), &V = s.at("voltage");
        // The voltage follows the sweep exactly: V = V0 - rate t.
        for (unsigned int n = 0; n < V.size(); ++n)
          ASSERT_NEAR(V[n], V[0] - rate * s.at("time")[n], 1e-9);
        // The peak: the vertex of the parabola through the largest sample
        // and its neighbours (equal voltage steps).
        unsigned int k = 1;
        for (unsigned int n = 1; n + 1 < I.size(); ++n)
          if (I[n] > I[k])
            k = n;
        ASSERT_GT(k, 1u);
        ASSERT_LT(k + 2, I.size()) << "no peak before the end of the sweep";
        const double curvature = I[k - 1] - 2 * I[k] + I[k + 1];
        const double offset    = (I[k - 1] - I[k + 1]) / (2 * curvature);
        const double i_peak
          = (I[k] - (I[k - 1] - I[k + 1]) * offset / 4) / width;
        const double v_peak = V[k] + offset * (V[k + 1] - V[k]);
        const double i_randles_sevcik
          = 0.4463 * F * c_max * std::sqrt(F * rate * D / RT);
        std::cout << "sweep " << rate * 1e3 << " mV/s: i_p " << i_peak
                  << " A/m^2, Randles-Sevcik " << i_randles_sevcik << " (ratio "
                  << i_peak / i_randles_sevcik << "), E_p " << v_peak << " V"
                  << std::endl;
        EXPECT_NEAR(i_peak / i_randles_sevcik, 1., 1e-2);
        // E_p = E_1/2 - 1.109 RT/F (Bard and Faulkner eq. 6.2.20).
        EXPECT_NEAR(v_peak, 4. - 1.109 * RT / F, 1e-3);
        log_rate.push_back(std::log(rate));
        log_peak.push_back(std::log(i_peak));
      }
    // Least-squares slope of ln i_p against ln v.
    const double mx  = (log_rate[0] + log_rate[1] + log_rate[2]) / 3;
    const double my  = (log_peak[0] + log_peak[1] + log_peak[2]) / 3;
    double       sxy = 0, sxx = 0;
    for (unsigned int i = 0; i < 3; ++i)
      {
        sxy += (log_rate[i] - mx) * (log_peak[i] - my);
        sxx += (log_rate[i] - mx) * (log_rate[i] - mx);
      }
    std::cout << "slope d ln i_p / d ln v = " << sxy / sxx << std::endl;
    EXPECT_NEAR(sxy / sxx, 0.5, 0.025);
  }

  TEST(Electrochemistry, CyclicVoltammetryCyclesAndBalance)
  {
    // Two cycles down to 3.85 V and back up to 4.2 V, backward Euler:
    // the charge balance of sweep steps, the reversal at the vertex, and
    // cycles.csv against the rows of statistics.csv.
    const std::string    dir = "bv_thin_film_cv_cycles";
    test_support::Run<2> run(test_support::verification_case(
      "bv_thin_film_cv.prm",
      cv_overrides(dir,
                   "Sweep to 3.85 V at 8 mV/s; Sweep to 4.2 V at 8 mV/s",
                   0.5,
                   "backward Euler")
        // The balance is checked to 1e-10: Newton is judged by its update
        // (1e-13 of c_max), as in bv_sphere_potentiostatic.prm.
        + "subsection Nonlinear solver\nset Relative tolerance = 1e-18\n"
          "set Update tolerance = 1e-13\nend\n"
          // With a density, capacities are also written per mass.
          "subsection Materials\nsubsection particle\nset Density = "
          "4000\nend\nend\n"));
    const auto           s    = test_support::read_csv(dir + "/statistics.csv");
    const auto          &step = s.at("protocol_step"), &cycle = s.at("cycle");
    const auto &I = s.at("current"), &V = s.at("voltage"), &dt = s.at("dt");
    double      q_in[3] = {0, 0, 0}, q_out[3] = {0, 0, 0};
    double      vq_in[3] = {0, 0, 0}, vq_out[3] = {0, 0, 0};
    for (unsigned int n = 1; n < I.size(); ++n)
      {
        const unsigned int k = static_cast<unsigned int>(cycle[n]);
        ASSERT_TRUE(k == 1 || k == 2);
        // The downward sweep lithiates at its end, the upward one
        // delithiates near its end.
        if (step[n] == 1 && V[n] < 3.9)
          {
            EXPECT_GT(I[n], 0.) << "row " << n;
          }
        if (step[n] == 2 && V[n] > 4.0)
          {
            EXPECT_LT(I[n], 0.) << "row " << n;
          }
        (I[n] > 0 ? q_in : q_out)[k] += dt[n] * std::abs(I[n]);
        (I[n] > 0 ? vq_in : vq_out)[k] += V[n] * dt[n] * std::abs(I[n]);
      }
    // The vertices are hit exactly.
    double v_min = 10, v_max = 0;
    for (const double v : V)
      {
        v_min = std::min(v_min, v);
        v_max = std::max(v_max, v);
      }
    EXPECT_NEAR(v_min, 3.85, 1e-9);
    EXPECT_NEAR(V.back(), 4.2, 1e-9);
    check_charge_balance(s, 1e-10);

    const auto c = test_support::read_csv(dir + "/cycles.csv");
    ASSERT_EQ(c.at("cycle").size(), 2u);
    for (unsigned int k = 1; k <= 2; ++k)
      {
        const unsigned int r = k - 1;
        EXPECT_NEAR(c.at("discharge_capacity")[r] * 3600 / q_in[k], 1., 1e-10);
        EXPECT_NEAR(c.at("charge_capacity")[r] * 3600 / q_out[k], 1., 1e-10);
        EXPECT_NEAR(c.at("coulombic_efficiency")[r], q_out[k] / q_in[k], 1e-10);
        EXPECT_NEAR(c.at("average_discharge_voltage")[r],
                    vq_in[k] / q_in[k],
                    1e-10);
        EXPECT_NEAR(c.at("average_charge_voltage")[r],
                    vq_out[k] / q_out[k],
                    1e-10);
        std::cout << "cycle " << k << ": in " << q_in[k] << " C, out "
                  << q_out[k] << " C, efficiency "
                  << c.at("coulombic_efficiency")[r] << std::endl;
      }
    // Lithium is left in the film after the first cycle: out < in.
    EXPECT_LT(c.at("coulombic_efficiency")[0], 1.);
    EXPECT_GT(c.at("coulombic_efficiency")[0], 0.);
    EXPECT_NEAR(c.at("end_time")[1], s.at("time").back(), 1e-9);
    // Per mass: the film is 10 um x 50 nm (x 1 m) of 4000 kg/m^3, and
    // A h / kg = mAh / g.
    const double mass = 4000 * 10e-6 * 50e-9;
    for (unsigned int n = 0; n < I.size(); ++n)
      EXPECT_NEAR(s.at("specific_capacity")[n],
                  s.at("capacity")[n] / mass,
                  1e-9 * std::abs(s.at("capacity")[n] / mass) + 1e-15);
    for (unsigned int r = 0; r < 2; ++r)
      {
        EXPECT_NEAR(c.at("discharge_capacity_per_mass")[r],
                    c.at("discharge_capacity")[r] / mass,
                    1e-9 * c.at("discharge_capacity")[r] / mass);
        EXPECT_NEAR(c.at("charge_capacity_per_mass")[r],
                    c.at("charge_capacity")[r] / mass,
                    1e-9 * c.at("charge_capacity")[r] / mass);
      }
  }
} // namespace

namespace
{
  using namespace heterion;

  TEST(Electrochemistry, StressInOverpotentialShiftsTheVoltage)
  {
    // A thin film bonded to a rigid substrate, lithiated at 1C with fast
    // diffusion: c stays uniform, so the in-plane stress is
    // sigma_xx = sigma_zz = -E Omega (c - c_ref) / (3 (1 - nu)) and
    // sigma_h = 2 sigma_xx / 3 (as in mechanics/StressSolutions.ThinFilm*).
    // With the stress in the overpotential, the same current needs
    // V + Omega sigma_h / F: compression lowers the discharge voltage.
    const double E = 100e9, nu = 0.3, Omega = 3e-6, c_max = 2.29e4;
    const double c_ref    = 0.2 * c_max;
    const auto   run_with = [&](const bool stress) {
      const std::string dir
        = std::string("bv_thin_film_stress_") + (stress ? "on" : "off");
      test_support::Run<2> run(
        "set Dimension = 2\nset Output directory = " + dir
        + "\nsubsection Geometry\n set Model = thin film\n set Global "
            "refinement = 1\nend\n"
            "subsection Materials\n subsection particle\n"
            "  set Diffusivity = 1e-12\n  set Maximum concentration = 22900\n"
            "  set Young modulus = 100e9\n  set Poisson ratio = 0.3\n"
            "  set Partial molar volume = 3e-6\n"
            "  set Reference concentration = 4580\n"
            "  set Open-circuit potential = 4 - theta\n end\nend\n"
            "subsection Initial conditions\n set Initial state of charge = "
            "0.2\nend\n"
            "subsection Boundary conditions\n set Flux boundaries =\nend\n"
            "subsection Mechanics\n set Enable = true\n set Clamped "
            "boundaries = bottom\n set Symmetry boundaries = sides\nend\n"
            "subsection Linear solver\n set Method = direct\nend\n"
            "subsection Electrochemistry\n set Reaction boundaries = "
            "surface\n set Control = galvanostatic\n set Applied current = "
            "1\n set Stress in overpotential = "
        + std::string(stress ? "true" : "false")
        + "\nend\n"
            "subsection Time stepping\n set End time = 1800\n set Time step "
            "= 60\n set Scheme = backward Euler\nend\n");
      return test_support::read_csv(dir + "/statistics.csv");
    };
    const auto off = run_with(false), on = run_with(true);
    ASSERT_EQ(off.at("voltage").size(), on.at("voltage").size());
    double worst = 0;
    for (unsigned int n = 0; n < on.at("voltage").size(); ++n)
      {
        // The same current gives the same lithium content.
        ASSERT_NEAR(on.at("theta_mean")[n], off.at("theta_mean")[n], 1e-10);
        const double c       = on.at("c_mean")[n];
        const double sigma_h = -2 * E * Omega * (c - c_ref) / (9 * (1 - nu));
        const double shift   = Omega * sigma_h / constants::faraday;
        const double dV      = on.at("voltage")[n] - off.at("voltage")[n];
        worst                = std::max(worst, std::abs(dV - shift));
        EXPECT_NEAR(dV, shift, 1e-6 + 1e-4 * std::abs(shift)) << "row " << n;
        // The recovered stress agrees (the statistics' sigma_h_min).
        EXPECT_NEAR(on.at("sigma_h_min")[n],
                    sigma_h,
                    2e-4 * std::abs(sigma_h) + 1.);
      }
    std::cout << "largest |dV - Omega sigma_h / F| = " << worst * 1e3
              << " mV; final shift "
              << (on.at("voltage").back() - off.at("voltage").back()) * 1e3
              << " mV" << std::endl;
    // The shift is not negligible: about -28 mV at theta = 0.7.
    EXPECT_LT(on.at("voltage").back() - off.at("voltage").back(), -0.02);
  }
} // namespace

namespace
{
  using namespace heterion;

  TEST(Electrochemistry, GittPulsesAndRests)
  {
    // GITT on the fast-diffusing particle of bv_single_particle.prm:
    // 1C pulses of 6 min, each followed by 30 min at rest, 4 times. Each
    // pulse adds 0.1 to the state of charge; at the end of each rest the
    // particle is uniform and carries no current, so V = U(theta).
    const std::string    dir = "bv_gitt";
    test_support::Run<3> run(test_support::verification_case(
      "bv_single_particle.prm",
      "set Output directory = " + dir
        + "\nsubsection Electrochemistry\nset Control = protocol\n"
          "set Protocol = Discharge at 1C for 6 min; Rest for 30 min\n"
          "set Protocol repeats = 4\nend\n"
          "subsection Time stepping\nset End time = 1e5\nset Time step = "
          "60\nset Scheme = "
          "backward Euler\nend\n"));
    const auto           s    = test_support::read_csv(dir + "/statistics.csv");
    const auto          &step = s.at("protocol_step"), &t = s.at("time");
    const auto           ocp
      = materials::OpenCircuitPotential::create("test", "LiMn2O4_Doyle1996");
    unsigned int n_rests = 0;
    for (unsigned int n = 1; n < t.size(); ++n)
      {
        const bool last_of_step = n + 1 == t.size() || step[n + 1] != step[n];
        // At rest the current is zero to the potential solve's tolerance.
        if (step[n] == 2)
          {
            EXPECT_LT(std::abs(s.at("current")[n]), 1e-12 * s.at("current")[1])
              << "row " << n;
          }
        if (!last_of_step || step[n] != 2)
          continue;
        ++n_rests;
        // Durations land exactly: rest k ends at k * 36 min.
        EXPECT_NEAR(t[n], n_rests * 2160., 1e-6);
        EXPECT_NEAR(s.at("soc")[n], 0.2 + 0.1 * n_rests, 1e-10);
        const double relaxed
          = std::abs(s.at("voltage")[n] - ocp->value(s.at("theta_mean")[n]));
        std::cout << "rest " << n_rests
                  << ": |V - U(theta)| = " << relaxed * 1e3 << " mV"
                  << std::endl;
        EXPECT_LT(relaxed, 1e-4) << "rest " << n_rests;
      }
    EXPECT_EQ(n_rests, 4u);
    check_charge_balance(s, 1e-10);
  }
} // namespace

namespace
{
  using namespace heterion;

  /** F (change of the lithium inventory) in each protocol step [C], the
   * time each step ends [s] and the number of rows. */
  struct StepSums
  {
    std::map<int, double>       charge, end_time;
    std::map<int, unsigned int> n_rows;
  };

  StepSums
  step_sums(const std::map<std::string, std::vector<double>> &s)
  {
    StepSums    sums;
    const auto &m = s.at("li_inventory");
    for (unsigned int n = 1; n < m.size(); ++n)
      {
        const int k = static_cast<int>(s.at("protocol_step")[n]);
        sums.charge[k] += constants::faraday * (m[n] - m[n - 1]);
        sums.end_time[k] = s.at("time")[n];
        ++sums.n_rows[k];
      }
    return sums;
  }

  TEST(Electrochemistry, AdaptiveStepsCcCvCycle)
  {
    // One CC-CV cycle (1C discharge to 3.96 V, 1C charge to 4.12 V, hold
    // until C/50) of a 2D particle with D = 1e-14 m^2/s (tau = R^2/D =
    // 100 s), BDF2: adaptive steps from a first step of 1 s against a
    // fixed 2 s step (converged to about 2e-4: a 4 s step differs by 5e-4
    // in the hold's charge).
    const std::string common
      = "set Dimension = 2\nsubsection Materials\nsubsection particle\nset "
        "Diffusivity = 1e-14\nend\nend\nsubsection Electrochemistry\nset "
        "Protocol repeats = 1\nend\n";
    const auto run_case
      = [&](const std::string &dir, const std::string &time_stepping) {
          test_support::Run<2> run(test_support::verification_case(
            "bv_cccv_cycles.prm",
            "set Output directory = " + dir + "\n" + common
              + "subsection Time stepping\nset Scheme = BDF2\n" + time_stepping
              + "end\n"));
          return test_support::read_csv(dir + "/statistics.csv");
        };
    const auto reference
      = run_case("bv_adaptive_reference", "set Time step = 2\n");
    const auto     adaptive = run_case("bv_adaptive",
                                   "set Time step = 1\nset Adaptive = true\n"
                                       "set Tolerance = 1e-4\nset Voltage "
                                       "tolerance = 1e-4\n");
    const StepSums r = step_sums(reference), a = step_sums(adaptive);
    unsigned int   n_reference = 0, n_adaptive = 0;
    for (const int k : {1, 2, 3})
      {
        std::cout << "protocol step " << k << ": charge " << a.charge.at(k)
                  << " C (reference " << r.charge.at(k) << "), ends at "
                  << a.end_time.at(k) << " s (" << r.end_time.at(k) << "), "
                  << a.n_rows.at(k) << " steps (" << r.n_rows.at(k) << ")"
                  << std::endl;
        EXPECT_NEAR(a.charge.at(k) / r.charge.at(k), 1., 1e-3) << "step " << k;
        EXPECT_NEAR(a.end_time.at(k) / r.end_time.at(k), 1., 2e-3)
          << "step " << k;
        n_reference += r.n_rows.at(k);
        n_adaptive += a.n_rows.at(k);
      }
    // The adaptive run needs far fewer steps.
    EXPECT_LT(5 * n_adaptive, n_reference);
    // The hold still ends at C/50 (event location).
    const auto &I = adaptive.at("current");
    EXPECT_NEAR(-I.back() / (I[1] / 50), 1., 1e-6);
  }
} // namespace
