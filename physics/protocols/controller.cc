#include <physics/protocols/controller.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace heterion::protocols
{
  Controller::Controller(const std::vector<Step> &steps,
                         const unsigned int       repeats,
                         const double             one_c,
                         const double             area)
      : steps(steps)
      , n_repeats(std::max(repeats, 1u))
      , one_c(one_c)
      , area(area)
  {
  }


  bool
  Controller::active() const
  {
    return !steps.empty();
  }


  bool
  Controller::finished() const
  {
    return active() && cycle_no > n_repeats;
  }


  double
  Controller::current_of(const Quantity &q) const
  {
    return to_ampere(q, one_c, area);
  }


  void
  Controller::start(const double time, const double voltage)
  {
    check_reachable(voltage);
    index    = 0;
    cycle_no = 1;
    begin_step(time, voltage);
  }


  void
  Controller::begin_step(const double time, const double voltage)
  {
    step_start       = time;
    const Step &step = steps[index];
    if (step.kind == Step::Kind::sweep)
      sweep_start = step.has_sweep_start ? step.sweep_start.value : voltage;
  }


  double
  Controller::fixed_length() const
  {
    const Step &step = steps[index];
    if (step.kind == Step::Kind::sweep)
      return std::abs(step.sweep_target.value - sweep_start)
             / step.setpoint.value;
    if (step.has_duration)
      return step.duration.value;
    return std::numeric_limits<double>::infinity();
  }


  void
  Controller::check_reachable(const double initial_voltage) const
  {
    const auto fail = [&](const std::size_t  i,
                          const unsigned int cycle,
                          const std::string &problem) {
      throw ExcInput("Electrochemistry/Protocol: step " + std::to_string(i + 1)
                     + " ('" + steps[i].text + "')"
                     + (cycle > 1 ? " in cycle " + std::to_string(cycle) : "")
                     + ": " + problem
                     + ". Change the cut-off or the order of the steps.");
    };
    // The voltage each step starts at, where it is known.
    bool   known   = true;
    double voltage = initial_voltage;
    // With repeats, the first step follows the last one from cycle 2 on.
    const std::size_t n_checked = steps.size() + (n_repeats > 1 ? 1 : 0);
    for (std::size_t n = 0; n < n_checked; ++n)
      {
        const std::size_t i    = n % steps.size();
        const Step       &step = steps[i];
        const std::string from = "the voltage at its start is "
                                 + to_text(voltage) + " V ("
                                 + (n == 0 ? "the open-circuit voltage"
                                           : "where the step before ends")
                                 + ")";
        if (known && step.has_voltage_limit)
          {
            const double limit = step.voltage_limit.value;
            if (step.kind == Step::Kind::discharge && limit >= voltage)
              fail(i,
                   n / steps.size() + 1,
                   "the cut-off " + to_text(limit) + " V can never be reached: "
                     + from + " and a discharge lowers the voltage");
            if (step.kind == Step::Kind::charge && limit <= voltage)
              fail(i,
                   n / steps.size() + 1,
                   "the cut-off " + to_text(limit) + " V can never be reached: "
                     + from + " and a charge raises the voltage");
          }
        if (step.kind == Step::Kind::sweep && !step.has_sweep_start && known
            && step.sweep_target.value == voltage)
          fail(i,
               n / steps.size() + 1,
               "the sweep has zero length: " + from + ", its target");
        // Where this step ends.
        switch (step.kind)
          {
            case Step::Kind::discharge:
            case Step::Kind::charge:
              known   = step.has_voltage_limit && !step.has_duration;
              voltage = step.voltage_limit.value;
              break;
            case Step::Kind::hold:
              known   = true;
              voltage = step.setpoint.value;
              break;
            case Step::Kind::sweep:
              known   = true;
              voltage = step.sweep_target.value;
              break;
            case Step::Kind::rest:
              known = false;
              break;
          }
      }
  }


  Controller::Setpoint
  Controller::setpoint() const
  {
    const Step &step = steps[index];
    Setpoint    s;
    switch (step.kind)
      {
        case Step::Kind::discharge:
          s.value = current_of(step.setpoint);
          break;
        case Step::Kind::charge:
          s.value = -current_of(step.setpoint);
          break;
        case Step::Kind::rest:
          s.value = 0;
          break;
        case Step::Kind::hold:
          s.potentiostatic = true;
          s.value          = step.setpoint.value;
          break;
        case Step::Kind::sweep:
          s.potentiostatic = true;
          s.value          = sweep_start;
          s.start_time     = step_start;
          s.rate           = step.sweep_target.value >= sweep_start
                               ? step.setpoint.value
                               : -step.setpoint.value;
          break;
      }
    return s;
  }


  double
  Controller::max_step(const double time) const
  {
    const double length = fixed_length();
    if (!std::isfinite(length))
      return std::numeric_limits<double>::max();
    return std::max(step_start + length - time, 0.);
  }


  Controller::Check
  Controller::check(const double t0,
                    const double v0,
                    const double i0,
                    const double t1,
                    const double v1,
                    const double i1,
                    double      &dt_event) const
  {
    const Step &step    = steps[index];
    dt_event            = t1 - t0;
    const double length = fixed_length();
    if (std::isfinite(length)
        && t1 - step_start >= length * (1 - time_tolerance))
      return Check::ends;
    // A monitored quantity m that must not pass its limit from above
    // (discharge voltage, hold current) or from below (charge voltage).
    const auto judge = [&](const double m0,
                           const double m1,
                           const double limit,
                           const bool   falling,
                           const double tolerance) {
      if (std::abs(m1 - limit) <= tolerance)
        return Check::ends;
      const bool beyond = falling ? m1 < limit : m1 > limit;
      if (!beyond)
        return Check::continues;
      const bool started_beyond = falling ? m0 <= limit : m0 >= limit;
      if (started_beyond || m0 == m1)
        return Check::ends;
      dt_event = (t1 - t0) * (m0 - limit) / (m0 - m1);
      return Check::overshoot;
    };
    if (step.has_voltage_limit)
      {
        const Check c = judge(v0,
                              v1,
                              step.voltage_limit.value,
                              step.kind == Step::Kind::discharge,
                              voltage_tolerance);
        if (c != Check::continues)
          return c;
      }
    if (step.has_current_limit)
      {
        const double limit = current_of(step.current_limit);
        const Check  c     = judge(
          std::abs(i0), std::abs(i1), limit, true, current_tolerance * limit);
        if (c != Check::continues)
          return c;
      }
    return Check::continues;
  }


  void
  Controller::next_step(const double time, const double voltage)
  {
    if (++index == steps.size())
      {
        index = 0;
        ++cycle_no;
      }
    begin_step(time, voltage);
  }


  unsigned int
  Controller::step_number() const
  {
    return index + 1;
  }


  unsigned int
  Controller::cycle() const
  {
    return std::min(cycle_no, n_repeats);
  }


  const std::string &
  Controller::step_text() const
  {
    return steps[index].text;
  }
} // namespace heterion::protocols
