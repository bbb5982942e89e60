#include <physics/protocols/controller.h>
#include <physics/protocols/protocol.h>
#include <solver/input_error.h>

#include <gtest/gtest.h>

#include <cmath>

namespace
{
  using namespace heterion;
  using protocols::Controller;
  using protocols::Quantity;
  using protocols::Step;

  TEST(Protocol, ParsesTheLabLanguage)
  {
    const auto steps = protocols::parse_protocol(
      "test",
      "Discharge at 1C until 3.0 V; Rest for 10 min; "
      "charge at 0.5c until 4200 mV; Hold at 4.2 V until C/50; "
      "Discharge at 2 mA for 2 h; Charge at 3 A/m2 until 4.1V for 30 s");
    ASSERT_EQ(steps.size(), 6u);
    EXPECT_EQ(steps[0].kind, Step::Kind::discharge);
    EXPECT_EQ(steps[0].setpoint.unit, Quantity::Unit::c_rate);
    EXPECT_EQ(steps[0].setpoint.value, 1.);
    EXPECT_TRUE(steps[0].has_voltage_limit);
    EXPECT_EQ(steps[0].voltage_limit.value, 3.0);
    EXPECT_EQ(steps[1].kind, Step::Kind::rest);
    EXPECT_EQ(steps[1].duration.value, 600.);
    EXPECT_EQ(steps[2].kind, Step::Kind::charge);
    EXPECT_DOUBLE_EQ(steps[2].voltage_limit.value, 4.2);
    EXPECT_EQ(steps[3].kind, Step::Kind::hold);
    EXPECT_EQ(steps[3].setpoint.unit, Quantity::Unit::volt);
    EXPECT_DOUBLE_EQ(steps[3].current_limit.value, 0.02);
    EXPECT_EQ(steps[3].current_limit.unit, Quantity::Unit::c_rate);
    EXPECT_EQ(steps[4].setpoint.unit, Quantity::Unit::ampere);
    EXPECT_DOUBLE_EQ(steps[4].setpoint.value, 2e-3);
    EXPECT_EQ(steps[4].duration.value, 7200.);
    EXPECT_EQ(steps[5].setpoint.unit, Quantity::Unit::current_density);
    EXPECT_TRUE(steps[5].has_voltage_limit && steps[5].has_duration);
    EXPECT_EQ(steps[5].text, "Charge at 3 A/m2 until 4.1V for 30 s");
  }

  TEST(Protocol, ErrorsNameTheStepAndTheWord)
  {
    const auto message_of = [](const std::string &text) {
      try
        {
          protocols::parse_protocol("Electrochemistry/Protocol", text);
        }
      catch (const std::exception &exc)
        {
          return user_message(exc);
        }
      return std::string();
    };
    const struct
    {
      const char *text, *expected;
    } cases[] = {
      {"Discharge at 1C until 3 V; Sleep for 1 h",
       "step 2 ('Sleep for 1 h'): a step begins with Discharge, Charge, Rest, "
       "Hold or Sweep at 'sleep'"},
      {"Sweep to 3 V", "Sweep needs `at <sweep rate>`"},
      {"Sweep at 1 mV/s", "Sweep needs `to <voltage>`"},
      {"Sweep to 3 V at 1 mA", "Sweep needs a sweep rate > 0"},
      {"Sweep to 3 V at 1 mV/s until C/20", "a Sweep step takes `to"},
      {"Sweep from 3 V to 3000 mV at 1 mV/s", "starts at its target"},
      {"Discharge at 1C", "step 1 ('Discharge at 1C'): the step never ends"},
      {"Discharge at 1 parsec until 3 V", "unknown unit 'parsec'"},
      {"Hold at 1C until C/50", "Hold needs a voltage"},
      {"Discharge at 3 V until 3 V", "Discharge and Charge need a current"},
      {"Rest at 1C for 1 h", "Rest takes no `at`"},
      {"Charge at 1C until C/20", "`until` takes a voltage"},
      {"Rest for -5 s", "`for` takes a duration > 0"},
      {"Discharge at 1C until", "a number with its unit is missing"},
      {"Discharge at -1C until 3 V", "the current must be > 0"},
      {"Discharge at 1C untill 3 V",
       "expected `at`, `until` or `for` at "
       "'untill'"}};
    for (const auto &c : cases)
      {
        const std::string message = message_of(c.text);
        EXPECT_NE(message.find("Electrochemistry/Protocol"), std::string::npos)
          << c.text << ": " << message;
        EXPECT_NE(message.find(c.expected), std::string::npos)
          << c.text << ": " << message;
      }
  }

  TEST(Protocol, ControllerSetpointsCyclesAndEvents)
  {
    const auto steps = protocols::parse_protocol(
      "test",
      "Discharge at 2C until 3.0 V; Rest for 60 s; Hold at 4 V until C/10");
    // 1C = 0.5 A, area 2 m^2.
    Controller c(steps, 2, 0.5, 2.);
    ASSERT_TRUE(c.active());
    EXPECT_FALSE(c.setpoint().potentiostatic);
    EXPECT_DOUBLE_EQ(c.setpoint().value, 1.0); // 2C insertion
    double dt_event = 0;
    // Discharge from 3.5 V: 3.2 V continues; 2.9 V overshoots and the
    // linear estimate meets 3.0 V after 5/6 of the step; 3.0 V ends.
    EXPECT_EQ(c.check(0, 3.5, 1, 10, 3.2, 1, dt_event),
              Controller::Check::continues);
    EXPECT_EQ(c.check(10, 3.2, 1, 20, 2.9, 1, dt_event),
              Controller::Check::overshoot);
    EXPECT_NEAR(dt_event, 10. * 0.2 / 0.3, 1e-12);
    EXPECT_EQ(c.check(10, 3.2, 1, 16.6, 3.0 + 1e-9, 1, dt_event),
              Controller::Check::ends);
    c.next_step(16.6, 3.0);
    EXPECT_EQ(c.step_number(), 2u);
    EXPECT_DOUBLE_EQ(c.setpoint().value, 0.); // rest
    EXPECT_DOUBLE_EQ(c.max_step(20.), 56.6);
    EXPECT_EQ(c.check(16.6, 3.1, 0, 50, 3.3, 0, dt_event),
              Controller::Check::continues);
    EXPECT_EQ(c.check(50, 3.3, 0, 76.6, 3.4, 0, dt_event),
              Controller::Check::ends);
    c.next_step(76.6, 3.4);
    EXPECT_TRUE(c.setpoint().potentiostatic);
    EXPECT_EQ(c.setpoint().value, 4.);
    // Hold: |I| falls to C/10 = 0.05 A.
    EXPECT_EQ(c.check(76.6, 4, -0.2, 80, 4, -0.06, dt_event),
              Controller::Check::continues);
    EXPECT_EQ(c.check(80, 4, -0.06, 90, 4, -0.04, dt_event),
              Controller::Check::overshoot);
    EXPECT_NEAR(dt_event, 5., 1e-12);
    c.next_step(85, 4.);
    EXPECT_EQ(c.cycle(), 2u);
    EXPECT_EQ(c.step_number(), 1u);
    EXPECT_FALSE(c.finished());
    for (unsigned int k = 0; k < 3; ++k)
      c.next_step(100 + k, 4.);
    EXPECT_TRUE(c.finished());
    EXPECT_EQ(c.cycle(), 2u);
    // A charge step with a current density: 3 A/m^2 over 2 m^2, extraction.
    Controller d(protocols::parse_protocol("t", "Charge at 3 A/m2 for 1 h"),
                 1,
                 0.5,
                 2.);
    EXPECT_DOUBLE_EQ(d.setpoint().value, -6.);
  }

  TEST(Protocol, SweepsRunLinearlyToTheirTarget)
  {
    // Cyclic voltammetry: down from the open-circuit voltage, then up.
    const auto steps = protocols::parse_protocol(
      "test", "Sweep to 3.5 V at 2 mV/s; Sweep to 4300 mV at 0.002 V/s");
    EXPECT_EQ(steps[0].kind, Step::Kind::sweep);
    EXPECT_EQ(steps[0].setpoint.unit, Quantity::Unit::volt_per_second);
    EXPECT_DOUBLE_EQ(steps[0].setpoint.value, 2e-3);
    EXPECT_DOUBLE_EQ(steps[1].sweep_target.value, 4.3);
    Controller c(steps, 2, 1., 1.);
    c.start(10., 4.0);
    auto s = c.setpoint();
    EXPECT_TRUE(s.potentiostatic);
    EXPECT_DOUBLE_EQ(s.value, 4.0);
    EXPECT_DOUBLE_EQ(s.rate, -2e-3);
    EXPECT_DOUBLE_EQ(s.start_time, 10.);
    // 0.5 V at 2 mV/s: 250 s; the step may not pass its end.
    EXPECT_DOUBLE_EQ(c.max_step(110.), 150.);
    double dt_event = 0;
    EXPECT_EQ(c.check(110, 3.8, 0, 200, 3.62, 0, dt_event),
              Controller::Check::continues);
    EXPECT_EQ(c.check(200, 3.62, 0, 260, 3.5, 0, dt_event),
              Controller::Check::ends);
    c.next_step(260., 3.5);
    s = c.setpoint();
    EXPECT_DOUBLE_EQ(s.value, 3.5);
    EXPECT_DOUBLE_EQ(s.rate, 2e-3);
    EXPECT_DOUBLE_EQ(c.max_step(260.), 400.);
    // Cycle 2 starts its downward sweep at 4.3 V.
    c.next_step(660., 4.3);
    EXPECT_EQ(c.cycle(), 2u);
    EXPECT_DOUBLE_EQ(c.setpoint().value, 4.3);
    EXPECT_DOUBLE_EQ(c.max_step(660.), 400.);
    // `from` fixes the start whatever the voltage before.
    Controller d(protocols::parse_protocol("t",
                                           "Sweep from 3 V to 4 V at "
                                           "1 mV/s"),
                 1,
                 1.,
                 1.);
    d.start(0., 3.7);
    EXPECT_DOUBLE_EQ(d.setpoint().value, 3.);
    EXPECT_DOUBLE_EQ(d.max_step(0.), 1000.);
  }

  TEST(Protocol, UnreachableCutOffsAreReportedAtTheStart)
  {
    const auto message_of = [](const std::string &text, const double v0) {
      Controller c(protocols::parse_protocol("p", text), 2, 1., 1.);
      try
        {
          c.start(0., v0);
        }
      catch (const std::exception &exc)
        {
          return user_message(exc);
        }
      return std::string();
    };
    // Reachable protocols start.
    EXPECT_EQ(message_of("Discharge at 1C until 3 V; Charge at 1C until 4.2 "
                         "V; Hold at 4.2 V until C/50",
                         4.0),
              "");
    EXPECT_EQ(message_of("Rest for 1 h; Charge at 1C until 3 V", 4.0), "");
    // From the open-circuit voltage.
    EXPECT_NE(message_of("Charge at 1C until 3.0 V", 4.0)
                .find("step 1 ('Charge at 1C until 3.0 V'): the cut-off "
                      "3 V can never be reached"),
              std::string::npos);
    // From where the step before ends.
    EXPECT_NE(message_of("Discharge at 1C until 3 V; Charge at 1C until 2.5 V",
                         4.0)
                .find("step 2"),
              std::string::npos);
    EXPECT_NE(message_of("Hold at 4.2 V until C/50; Charge at 1C until 4.2 V",
                         4.0)
                .find("a charge raises the voltage"),
              std::string::npos);
    // The wrap to the next cycle: discharge to 3 V after a hold at 2.9 V.
    EXPECT_NE(message_of("Discharge at 1C until 3 V; Hold at 2.9 V for 1 h",
                         4.0)
                .find("in cycle 2"),
              std::string::npos);
    EXPECT_NE(message_of("Sweep to 4 V at 1 mV/s", 4.0).find("zero length"),
              std::string::npos);
  }
} // namespace
