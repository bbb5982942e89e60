#include <physics/materials/material_model.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>

namespace
{
  using namespace heterion;

  materials::MaterialModel
  make_model(const std::string &diffusivity)
  {
    dealii::ParameterHandler prm;
    test_support::parse(
      prm,
      "subsection Materials\n subsection shell\n set Diffusivity = "
        + diffusivity + "\n set Maximum concentration = 3e4\n end\nend\n");
    materials::MaterialModel model;
    model.parse_parameters(prm);
    return model;
  }

  TEST(MaterialModel, ExpressionAndDerivative)
  {
    const auto model = make_model("1e-14*(1+2*theta^2)");
    double     D, dD;
    model.diffusivity(ids::material::shell, 0.5, D, dD);
    EXPECT_NEAR(D, 1.5e-14, 1e-26);
    EXPECT_NEAR(dD, 2e-14, 1e-22);
    EXPECT_FALSE(model.is_linear());
    EXPECT_EQ(model.maximum_concentration(ids::material::shell), 3e4);
    EXPECT_EQ(model.concentration_scale(), 3e4);
  }

  /**
   * D = 1e-14 sqrt(theta) + 1e-16 is defined on [0, 1] only. It used to be
   * rejected as a Newton failure ("try a smaller time step") because the
   * central difference for dD/dtheta sampled theta < 0. Now: one-sided
   * differences at the ends of the range, the central one inside, and an
   * undershoot (theta < 0) takes the value at 0 with a zero derivative.
   */
  TEST(MaterialModel, DerivativeAtTheEndsOfTheRange)
  {
    const auto model = make_model("1e-14*sqrt(theta)+1e-16");
    double     D, dD;
    model.diffusivity(ids::material::shell, 0.5, D, dD);
    EXPECT_NEAR(dD, 0.5e-14 / std::sqrt(0.5), 1e-6 * 0.5e-14 / std::sqrt(0.5));
    // At theta = 0 the exact derivative is infinite; the second-order
    // forward difference with h = 1e-6 gives (4 - sqrt 2)/(2 sqrt h) 1e-14.
    model.diffusivity(ids::material::shell, 0., D, dD);
    EXPECT_TRUE(std::isfinite(dD));
    EXPECT_NEAR(dD, (4 - std::sqrt(2.)) / (2 * std::sqrt(1e-6)) * 1e-14, 1e-15);
    // At theta = 1 the backward difference of sqrt(1 - theta).
    const auto upper = make_model("1e-14*sqrt(1-theta)+1e-16");
    upper.diffusivity(ids::material::shell, 1., D, dD);
    EXPECT_NEAR(dD,
                -(4 - std::sqrt(2.)) / (2 * std::sqrt(1e-6)) * 1e-14,
                1e-15);
    model.diffusivity(ids::material::shell, -0.01, D, dD);
    EXPECT_EQ(D, 1e-16);
    EXPECT_EQ(dD, 0.);
  }

  /**
   * D = 1e-16 (1 + 99 theta^3) is positive on [0, 1] but negative below
   * theta = -0.216, where a Q2 undershoot at a steep front can take it: a
   * negative D there made the front anti-diffuse (theta reached -30 in a
   * few steps). Outside [0, 1] a non-positive D takes the value at the
   * nearest end, with a zero derivative; a positive one is kept.
   */
  TEST(MaterialModel, NonPositiveValueOutsideTheRangeTakesTheEndValue)
  {
    const auto model = make_model("1e-16*(1+99*theta^3)");
    double     D, dD;
    model.diffusivity(ids::material::shell, -0.9, D, dD);
    EXPECT_EQ(D, 1e-16);
    EXPECT_EQ(dD, 0.);
    model.diffusivity(ids::material::shell, -0.1, D, dD);
    EXPECT_NEAR(D, 1e-16 * (1 - 0.099), 1e-28);
    EXPECT_NEAR(dD, 1e-16 * 297 * 0.01, 1e-24);
    const auto falling = make_model("1e-16*(2-theta^2)");
    falling.diffusivity(ids::material::shell, 1.5, D, dD);
    EXPECT_EQ(D, 1e-16);
    EXPECT_EQ(dD, 0.);
  }

  TEST(MaterialModel, ConstantIsLinear)
  {
    const auto model = make_model("7.08e-15");
    double     D, dD;
    model.diffusivity(ids::material::shell, 0.3, D, dD);
    EXPECT_EQ(D, 7.08e-15);
    EXPECT_EQ(dD, 0.);
    EXPECT_TRUE(model.is_linear());
  }

  TEST(MaterialModel, NonPositiveDiffusivityIsRejectedWithItsName)
  {
    for (const std::string bad : {"-1e-14", "1e-14*(1-2*theta)", "0"})
      try
        {
          make_model(bad);
          FAIL() << "accepted D = " << bad;
        }
      catch (const std::exception &exc)
        {
          const std::string message = user_message(exc);
          EXPECT_NE(message.find("Materials/shell/Diffusivity must be > 0"),
                    std::string::npos)
            << message;
        }
  }

  TEST(MaterialModel, UnparsableExpressionIsRejected)
  {
    try
      {
        make_model("1e-14*(1+thetta)");
        FAIL();
      }
    catch (const std::exception &exc)
      {
        EXPECT_NE(user_message(exc).find("cannot parse"), std::string::npos);
      }
  }
} // namespace
