#include <deal.II/base/parameter_handler.h>

#include <solver/time_stepping/time_stepper.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>

namespace
{
  using namespace heterion;

  TimeStepper
  make_stepper(const std::string &settings)
  {
    dealii::ParameterHandler prm;
    test_support::parse(prm, "subsection Time stepping\n" + settings + "end\n");
    TimeStepper stepper;
    stepper.parse_parameters(prm);
    return stepper;
  }

  /** Variable-step BDF2 differentiates quadratics exactly; BE linears. */
  TEST(TimeStepper, Bdf2IsExactForQuadratics)
  {
    TimeStepper stepper = make_stepper(
      "set End time = 10\nset Time step = 0.5\nset Step schedule = 1: 0.25, "
      "2: 1.5\nset Scheme = BDF2\n");
    const auto   u     = [](const double t) { return 3 - 2 * t + 0.7 * t * t; };
    const auto   dudt  = [](const double t) { return -2 + 1.4 * t; };
    double       t_old = 0, t_older = 0;
    unsigned int n = 0;
    while (!stepper.finished())
      {
        const double dt = stepper.proposed_step(0);
        const auto   a  = stepper.coefficients(dt);
        const double t  = stepper.time() + dt;
        const double approx
          = (a[0] * u(t) + a[1] * u(t_old) + a[2] * u(t_older)) / dt;
        if (n > 0) // the first step is backward Euler
          {
            EXPECT_NEAR(approx, dudt(t), 1e-12) << "t = " << t;
          }
        EXPECT_NEAR(a[0] + a[1] + a[2], 0., 1e-14);
        if (n > 0) // zero-stability: the step at most doubles
          {
            EXPECT_LE(dt, 2 * (t_old - t_older) * (1 + 1e-12));
          }
        t_older = t_old;
        t_old   = t;
        stepper.advance(dt);
        ++n;
      }
    EXPECT_DOUBLE_EQ(stepper.time(), 10.);
    // 0..1 at 0.5 (2), 1..2 at 0.25 (4), 2..10 growing 0.5, 1, then 1.5
    // (4 full steps) and a final 0.5 to land on the end time (7).
    EXPECT_EQ(n, 2u + 4u + 7u);
  }

  TEST(TimeStepper, HalvingAndEndTime)
  {
    TimeStepper stepper = make_stepper(
      "set End time = 1\nset Time step = 0.3\nset Scheme = backward Euler\n");
    // 1 s in steps of at most 0.3 s: four equal steps of 0.25 s (no sliver
    // step before the end time); halving twice gives 0.0625 s.
    EXPECT_DOUBLE_EQ(stepper.proposed_step(2), 0.0625);
    for (int i = 0; i < 3; ++i)
      {
        EXPECT_NEAR(stepper.proposed_step(0), 0.25, 1e-15);
        stepper.advance(stepper.proposed_step(0));
      }
    EXPECT_NEAR(stepper.proposed_step(0), 0.25, 1e-14);
    stepper.advance(stepper.proposed_step(0));
    EXPECT_TRUE(stepper.finished());
    EXPECT_EQ(stepper.time(), 1.);
    const auto a = stepper.coefficients(0.1);
    EXPECT_EQ(a[0], 1.);
    EXPECT_EQ(a[1], -1.);
    EXPECT_EQ(a[2], 0.);
  }

  TEST(TimeStepper, LandsOnOutputTimesInEqualSteps)
  {
    // Output every 0.1 s with steps of at most 0.03 s: each interval in
    // four equal steps of 0.025 s (the same a_0/dt, so a linear problem
    // keeps its Jacobian), every output time hit exactly.
    TimeStepper stepper = make_stepper(
      "set End time = 0.3\nset Time step = 0.03\nset Scheme = BDF2\n");
    stepper.set_landing_interval(0.1);
    unsigned int n = 0;
    while (!stepper.finished())
      {
        const double dt = stepper.proposed_step(0);
        EXPECT_NEAR(dt, 0.025, 1e-15) << "step " << n;
        stepper.advance(dt);
        ++n;
        if (n % 4 == 0)
          {
            EXPECT_NEAR(stepper.time(), 0.1 * (n / 4), 1e-15);
          }
      }
    EXPECT_EQ(n, 12u);
  }

  TEST(TimeStepper, RejectsBadSchedule)
  {
    try
      {
        make_stepper("set Step schedule = 5: 1, 2: 1\n");
        FAIL() << "a decreasing schedule was accepted";
      }
    catch (const std::exception &exc)
      {
        EXPECT_NE(user_message(exc).find("Time stepping/Step schedule"),
                  std::string::npos)
          << user_message(exc);
      }
  }
} // namespace
