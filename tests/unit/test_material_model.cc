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
