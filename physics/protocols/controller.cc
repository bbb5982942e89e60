#include <physics/protocols/controller.h>

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
      }
    return s;
  }


  double
  Controller::max_step(const double time) const
  {
    const Step &step = steps[index];
    if (!step.has_duration)
      return std::numeric_limits<double>::max();
    return std::max(step_start + step.duration.value - time, 0.);
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
    const Step &step = steps[index];
    dt_event         = t1 - t0;
    if (step.has_duration
        && t1 - step_start >= step.duration.value * (1 - time_tolerance))
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
  Controller::next_step(const double time)
  {
    step_start = time;
    if (++index == steps.size())
      {
        index = 0;
        ++cycle_no;
      }
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
