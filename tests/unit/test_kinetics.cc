#include <physics/constants.h>
#include <physics/kinetics/butler_volmer.h>
#include <physics/materials/open_circuit_potential.h>
#include <physics/materials/thermodynamic_factor.h>
#include <solver/input_error.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>
#include <cstdio>
#include <fstream>

namespace
{
  using namespace heterion;
  using materials::OpenCircuitPotential;

  /** |dU/dtheta - central difference| at theta, relative to max(|U'|, 1). */
  double
  derivative_error(const OpenCircuitPotential &u, const double theta)
  {
    constexpr double h = 1e-6;
    double           value, derivative;
    u.evaluate(theta, value, derivative);
    const double fd = (u.value(theta + h) - u.value(theta - h)) / (2 * h);
    return std::abs(derivative - fd) / std::max(std::abs(derivative), 1.);
  }

  /** |d2U/dtheta2 - central difference of dU/dtheta| at theta, relative to
   * max(|U''|, 1). */
  double
  second_derivative_error(const OpenCircuitPotential &u, const double theta)
  {
    constexpr double h = 1e-6;
    double           value, up, um;
    u.evaluate(theta + h, value, up);
    u.evaluate(theta - h, value, um);
    const double second = u.second_derivative(theta);
    return std::abs(second - (up - um) / (2 * h))
           / std::max(std::abs(second), 1.);
  }

  TEST(OpenCircuitPotential, BuiltinCurvesHaveExactDerivatives)
  {
    ASSERT_EQ(OpenCircuitPotential::builtin_names().size(), 7u);
    for (const std::string &name : OpenCircuitPotential::builtin_names())
      {
        const auto u = OpenCircuitPotential::create("test", name);
        for (double theta = 0.05; theta < 0.96; theta += 0.01)
          {
            EXPECT_LT(derivative_error(*u, theta), 1e-6)
              << name << " at theta = " << theta;
            EXPECT_LT(second_derivative_error(*u, theta), 1e-6)
              << name << " at theta = " << theta;
          }
      }
  }

  TEST(OpenCircuitPotential, BuiltinValuesMatchTheirFormulas)
  {
    // Values of the published fits, evaluated independently.
    const double y = 0.5;
    const double lmo
      = 4.19829 + 0.0565661 * std::tanh(-14.5546 * y + 8.60942)
        - 0.0275479 * (std::pow(0.998432 - y, -0.492465) - 1.90111)
        - 0.157123 * std::exp(-0.04738 * std::pow(y, 8))
        + 0.810239 * std::exp(-40 * (y - 0.133875));
    EXPECT_NEAR(
      OpenCircuitPotential::create("t", "LiMn2O4_Doyle1996")->value(y),
      lmo,
      1e-12);
    const double graphite = 1.9793 * std::exp(-39.3631 * y) + 0.2482
                            - 0.0909 * std::tanh(29.8538 * (y - 0.1234))
                            - 0.04478 * std::tanh(14.9159 * (y - 0.2769))
                            - 0.0205 * std::tanh(30.4444 * (y - 0.6103));
    EXPECT_NEAR(
      OpenCircuitPotential::create("t", "graphite_Chen2020")->value(y),
      graphite,
      1e-12);
    EXPECT_NEAR(graphite, 0.1331, 1e-3); // on the stage-2 plateau
    const double nmc = -0.8090 * y + 4.4875
                       - 0.0428 * std::tanh(18.5138 * (y - 0.5542))
                       - 17.7326 * std::tanh(15.7890 * (y - 0.3117))
                       + 17.5842 * std::tanh(15.9308 * (y - 0.3120));
    EXPECT_NEAR(OpenCircuitPotential::create("t", "NMC811_Chen2020")->value(y),
                nmc,
                1e-12);
    EXPECT_NEAR(nmc, 3.97, 0.01);
    EXPECT_NEAR(
      OpenCircuitPotential::create("t", "LiFePO4_Prada2013")->value(y),
      3.4077 - 0.020269 * y + 0.5 * std::exp(-150 * y)
        - 0.9 * std::exp(-30 * (1 - y)),
      1e-12);
    // Amorphous Si (Verbrugge 2015): the polynomials term by term; the
    // delithiation branch lies above the lithiation branch (hysteresis).
    const double y2 = y * y, y3 = y2 * y, y4 = y3 * y, y5 = y4 * y, y6 = y5 * y,
                 y7      = y6 * y;
    const double si_lith = -96.63 * y7 + 372.6 * y6 - 587.6 * y5 + 489.9 * y4
                           - 232.8 * y3 + 62.99 * y2 - 9.286 * y + 0.8633;
    const double si_delith = -51.02 * y7 + 161.3 * y6 - 205.7 * y5 + 140.2 * y4
                             - 58.76 * y3 + 16.87 * y2 - 3.792 * y + 0.9937;
    EXPECT_NEAR(
      OpenCircuitPotential::create("t", "Si_amorphous_lithiation_Verbrugge2015")
        ->value(y),
      si_lith,
      1e-12);
    EXPECT_NEAR(OpenCircuitPotential::create(
                  "t", "Si_amorphous_delithiation_Verbrugge2015")
                  ->value(y),
                si_delith,
                1e-12);
    for (const double x : {0.2, 0.5, 0.8})
      EXPECT_GT(
        OpenCircuitPotential::create("t",
                                     "Si_amorphous_delithiation_Verbrugge2015")
          ->value(x),
        OpenCircuitPotential::create("t",
                                     "Si_amorphous_lithiation_Verbrugge2015")
          ->value(x))
        << "theta = " << x;
    // Crystalline Si: the two-phase plateau near 0.10 V.
    EXPECT_NEAR(
      OpenCircuitPotential::create("t", "Si_crystalline_plateau")->value(y),
      0.095,
      1e-3);
  }

  TEST(OpenCircuitPotential, ExpressionAndItsDerivative)
  {
    const auto u = OpenCircuitPotential::create("test", "4.2 - 0.5*theta^2");
    double     value, derivative;
    u->evaluate(0.6, value, derivative);
    EXPECT_NEAR(value, 4.2 - 0.18, 1e-14);
    EXPECT_NEAR(derivative, -0.6, 1e-8);
    EXPECT_NEAR(u->second_derivative(0.6), -1, 1e-6);
  }

  TEST(OpenCircuitPotential, TableIsMonotoneAndInterpolatesItsNodes)
  {
    // Decreasing data with a steep drop and a plateau: the Fritsch-Carlson
    // curve passes through the nodes, never increases and never leaves the
    // range of neighbouring nodes (no overshoot).
    const std::string path = "test_ocp_table.csv";
    {
      std::ofstream out(path);
      out << "theta,U\n0,4.3\n0.1,4.1\n0.2,4.05\n0.5,4.0\n0.8,3.98\n0.9,3.7\n"
             "1,3.0\n";
    }
    const auto   u   = OpenCircuitPotential::create("test", "table:" + path);
    const double x[] = {0, 0.1, 0.2, 0.5, 0.8, 0.9, 1};
    const double y[] = {4.3, 4.1, 4.05, 4.0, 3.98, 3.7, 3.0};
    for (unsigned int k = 0; k < 7; ++k)
      EXPECT_NEAR(u->value(x[k]), y[k], 1e-14);
    double previous = u->value(0);
    for (unsigned int n = 1; n <= 2000; ++n)
      {
        const double theta = n / 2000.;
        const double value = u->value(theta);
        EXPECT_LE(value, previous + 1e-14) << "theta = " << theta;
        previous = value;
        // The curve is C1: away from the nodes (where the second
        // derivative jumps) central differences match the derivative.
        double distance = 1;
        for (const double node : x)
          distance = std::min(distance, std::abs(theta - node));
        if (distance > 1e-4)
          {
            EXPECT_LT(derivative_error(*u, theta), 1e-6) << "theta = " << theta;
            EXPECT_LT(second_derivative_error(*u, theta), 1e-5)
              << "theta = " << theta;
          }
      }
    // Outside the table the end values are held.
    EXPECT_EQ(u->value(-0.1), 4.3);
    EXPECT_EQ(u->value(1.1), 3.0);
    // Linear data are reproduced exactly between the nodes.
    {
      std::ofstream out(path);
      out << "0 4\n0.3 3.7\n1 3\n";
    }
    const auto linear = OpenCircuitPotential::create("test", "table:" + path);
    for (const double theta : {0.05, 0.31, 0.77})
      EXPECT_NEAR(linear->value(theta), 4 - theta, 1e-14);
    std::remove(path.c_str());
  }

  TEST(OpenCircuitPotential, BadInputNamesTheEntry)
  {
    const auto message_of = [](const std::string &text) {
      try
        {
          OpenCircuitPotential::create("Materials/shell/Open-circuit potential",
                                       text);
        }
      catch (const std::exception &exc)
        {
          return user_message(exc);
        }
      return std::string();
    };
    const std::string unknown = message_of("LiMn2O4");
    EXPECT_NE(unknown.find("Materials/shell/Open-circuit potential"),
              std::string::npos)
      << unknown;
    EXPECT_NE(unknown.find("LiMn2O4_Doyle1996"), std::string::npos) << unknown;
    const std::string missing = message_of("table:no_such_file.csv");
    EXPECT_NE(missing.find("no_such_file.csv"), std::string::npos) << missing;
    {
      std::ofstream out("test_ocp_bad.csv");
      out << "0 4\n0.5 3.9\n0.4 3.8\n";
    }
    const std::string unsorted = message_of("table:test_ocp_bad.csv");
    EXPECT_NE(unsorted.find("increase strictly"), std::string::npos)
      << unsorted;
    std::remove("test_ocp_bad.csv");
  }

  TEST(ButlerVolmer, DerivativesMatchFiniteDifferences)
  {
    kinetics::ButlerVolmer law;
    for (const double alpha_a : {0.5, 0.3})
      {
        law.alpha_a = alpha_a;
        law.alpha_c = 1 - alpha_a;
        for (const double theta : {0.01, 0.3, 0.7, 0.99})
          for (const double eta : {-0.2, -0.01, 0.0, 0.03, 0.15})
            {
              const double c_max = 2e4, c = theta * c_max, k = 2e-11;
              const auto   r  = law.evaluate(c, c_max, 1000, k, eta, 298.15);
              const double hc = 1e-6 * std::min(c, c_max - c), he = 1e-7;
              const double dc
                = (law.evaluate(c + hc, c_max, 1000, k, eta, 298.15)
                     .current_density
                   - law.evaluate(c - hc, c_max, 1000, k, eta, 298.15)
                       .current_density)
                  / (2 * hc);
              const double de
                = (law.evaluate(c, c_max, 1000, k, eta + he, 298.15)
                     .current_density
                   - law.evaluate(c, c_max, 1000, k, eta - he, 298.15)
                       .current_density)
                  / (2 * he);
              // Relative to the derivative; eta = 0 has i = 0 and so
              // di/dc = 0 exactly.
              EXPECT_NEAR(r.d_concentration, dc, 1e-6 * std::abs(dc) + 1e-14)
                << "theta " << theta << " eta " << eta;
              EXPECT_NEAR(r.d_overpotential, de, 1e-6 * std::abs(de) + 1e-12)
                << "theta " << theta << " eta " << eta;
            }
      }
  }

  TEST(ButlerVolmer, SymmetricFormAndExchangeCurrent)
  {
    // alpha = 0.5: i = 2 i0 sinh(F eta / (2 R T)), i0 = F k sqrt(c_e (c_max
    // - c) c).
    const kinetics::ButlerVolmer law;
    const double c_max = 2.29e4, c = 0.4 * c_max, c_e = 1000, k = 2e-11;
    const double T = 298.15, eta = 0.037;
    const auto   r  = law.evaluate(c, c_max, c_e, k, eta, T);
    const double i0 = constants::faraday * k * std::sqrt(c_e * (c_max - c) * c);
    EXPECT_NEAR(r.exchange_current_density, i0, 1e-12 * i0);
    const double f = constants::faraday / (constants::gas_constant * T);
    EXPECT_NEAR(r.current_density,
                2 * i0 * std::sinh(f * eta / 2),
                1e-12 * std::abs(r.current_density));
    EXPECT_EQ(law.evaluate(c, c_max, c_e, k, 0., T).current_density, 0.);
  }

  TEST(ButlerVolmer, FiniteAtEmptyAndFullSurfaces)
  {
    const kinetics::ButlerVolmer law;
    for (const double theta : {0., 1., -0.01, 1.01})
      for (const double eta : {-5., 0.1, 5.})
        {
          const auto r
            = law.evaluate(theta * 2e4, 2e4, 1000, 2e-11, eta, 298.15);
          EXPECT_TRUE(std::isfinite(r.current_density));
          EXPECT_TRUE(std::isfinite(r.d_concentration));
          EXPECT_TRUE(std::isfinite(r.d_overpotential));
          EXPECT_GT(r.exchange_current_density, 0.);
        }
  }

  /** The factor of @p ocp_text with `Diffusion driving force = chemical
   * potential` for the material `particle` (and concentration gradient for
   * `shell`). */
  struct FactorCase
  {
    explicit FactorCase(const std::string &ocp_text)
    {
      test_support::parse(prm,
                          "subsection Materials\n subsection particle\n"
                          "  set Diffusion driving force = chemical "
                          "potential\n  set Open-circuit potential = "
                            + ocp_text + "\n end\nend\n");
      curve = OpenCircuitPotential::create("test", ocp_text);
      factor.parse_parameters(
        prm, [&](dealii::types::material_id) -> const OpenCircuitPotential & {
          return *curve;
        });
    }
    dealii::ParameterHandler              prm;
    std::unique_ptr<OpenCircuitPotential> curve;
    materials::ThermodynamicFactor        factor;
  };

  TEST(ThermodynamicFactor, NernstianCurveGivesTheLatticeGasFactor)
  {
    // U = U0 - (R T / F) ln(theta / (1 - theta)) at T = 298.15 K:
    // Theta = 1 / (1 - theta), dTheta/dtheta = 1 / (1 - theta)^2.
    const FactorCase nernst(
      "4 - 8.314462618*298.15/96485.33212*log(theta/(1-theta))");
    ASSERT_TRUE(nernst.factor.any());
    const auto particle = ids::material_id("particle");
    for (double theta = 0.05; theta < 0.96; theta += 0.05)
      {
        double value, derivative;
        nernst.factor.evaluate(particle, theta, value, derivative);
        EXPECT_NEAR(value * (1 - theta), 1., 1e-8) << "theta = " << theta;
        EXPECT_NEAR(derivative * (1 - theta) * (1 - theta), 1., 1e-6)
          << "theta = " << theta;
        // The other materials keep Fick's law.
        nernst.factor.evaluate(ids::material_id("shell"),
                               theta,
                               value,
                               derivative);
        EXPECT_EQ(value, 1.);
        EXPECT_EQ(derivative, 0.);
      }
    // Outside [0.001, 0.999] the factor is held, with zero slope.
    double value, derivative, held, slope;
    nernst.factor.evaluate(particle, -0.02, value, derivative);
    nernst.factor.evaluate(particle, 1e-3, held, slope);
    EXPECT_EQ(value, held);
    EXPECT_EQ(derivative, 0.);
    nernst.factor.evaluate(particle, 1.01, value, derivative);
    EXPECT_NEAR(value, 1000., 1e-3);
    EXPECT_EQ(derivative, 0.);
  }

  TEST(ThermodynamicFactor, RisingCurveIsRejected)
  {
    // A curve that rises on 0.4 < theta < 0.6 (a miscibility gap).
    try
      {
        const FactorCase rising("4 - theta + 2*exp(-100*(theta-0.5)^2)");
        FAIL() << "no error for a rising open-circuit potential";
      }
    catch (const std::exception &exc)
      {
        const std::string message = user_message(exc);
        EXPECT_NE(message.find("Materials/particle/Diffusion driving force"),
                  std::string::npos)
          << message;
        EXPECT_NE(message.find("decreases with theta"), std::string::npos)
          << message;
      }
  }
} // namespace
