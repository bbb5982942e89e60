#include <deal.II/base/utilities.h>

#include <solver/input_error.h>
#include <solver/time_stepping/time_stepper.h>

#include <algorithm>
#include <cmath>

namespace heterion
{
  using namespace dealii;

  void
  TimeStepper::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Time stepping");
    prm.declare_entry("End time",
                      "3600",
                      Patterns::Double(0),
                      "Time at which the run ends [s]. Must be > 0.");
    prm.declare_entry("Time step",
                      "10",
                      Patterns::Double(0),
                      "Time step [s] where no schedule applies. Must be > 0.");
    prm.declare_entry("Step schedule",
                      "",
                      Patterns::Anything(),
                      "Optional list `t0: dt0, t1: dt1, ...` [s]: from time "
                      "t_i on, use the step dt_i (t_i increasing, dt_i > 0). "
                      "Before t0, `Time step` applies.");
    prm.declare_entry("Scheme",
                      "BDF2",
                      Patterns::Selection("BDF2|backward Euler"),
                      "Time discretization: `backward Euler` (first order) "
                      "or variable-step `BDF2` (second order; its first step "
                      "is backward Euler).");
    prm.declare_entry(
      "Adaptive",
      "false",
      Patterns::Bool(),
      "Choose the step from an error estimate instead of `Time step` and "
      "`Step schedule`: after each step the change of theta = c/c_max "
      "beyond its linear extrapolation from the two steps before (and of "
      "the voltage under galvanostatic control) is held below `Tolerance` "
      "(and `Voltage tolerance`); a step above it is rejected and retried "
      "shorter. `Time step` is the first step, and the first step of every "
      "protocol step.");
    prm.declare_entry("Tolerance",
                      "1e-3",
                      Patterns::Double(0),
                      "Adaptive steps: the largest deviation of theta [-] "
                      "from its linear extrapolation per step (max over the "
                      "nodes). Must be > 0.");
    prm.declare_entry("Voltage tolerance",
                      "1e-3",
                      Patterns::Double(0),
                      "Adaptive steps: the largest deviation of the "
                      "electrode voltage [V] from its linear extrapolation "
                      "per step (galvanostatic control). Must be > 0.");
    prm.declare_entry("Maximum time step",
                      "0",
                      Patterns::Double(0),
                      "Adaptive steps: the largest step [s]; 0 means End "
                      "time / 10.");
    prm.declare_entry("Maximum step reductions",
                      "8",
                      Patterns::Integer(0, 50),
                      "How often a step whose Newton iteration fails is "
                      "halved and retried before the run stops with an "
                      "error.");
    prm.leave_subsection();
  }


  void
  TimeStepper::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Time stepping");
    t_end           = prm.get_double("End time");
    const double dt = prm.get_double("Time step");
    scheme
      = prm.get("Scheme") == "BDF2" ? Scheme::bdf2 : Scheme::backward_euler;
    n_max_reductions       = prm.get_integer("Maximum step reductions");
    is_adaptive            = prm.get_bool("Adaptive");
    theta_tolerance        = prm.get_double("Tolerance");
    potential_tolerance    = prm.get_double("Voltage tolerance");
    max_dt                 = prm.get_double("Maximum time step");
    const std::string text = prm.get("Step schedule");
    prm.leave_subsection();

    AssertThrow(t_end > 0, ExcInput("Time stepping/End time must be > 0 s."));
    AssertThrow(dt > 0, ExcInput("Time stepping/Time step must be > 0 s."));
    AssertThrow(theta_tolerance > 0 && potential_tolerance > 0,
                ExcInput("Time stepping/Tolerance and Voltage tolerance must "
                         "be > 0."));
    if (max_dt == 0)
      max_dt = t_end / 10;
    initial_dt = next_dt = std::min(dt, max_dt);
    schedule             = {{0., dt}};
    for (const std::string &item : Utilities::split_string_list(text, ','))
      {
        const auto parts = Utilities::split_string_list(item, ':');
        double     t_i = 0, dt_i = 0;
        bool       ok = parts.size() == 2;
        try
          {
            if (ok)
              {
                t_i  = Utilities::string_to_double(parts[0]);
                dt_i = Utilities::string_to_double(parts[1]);
              }
          }
        catch (...)
          {
            ok = false;
          }
        AssertThrow(ok && dt_i > 0 && t_i >= schedule.back().first,
                    ExcInput("Time stepping/Step schedule: cannot use '" + item
                             + "'. Allowed: `time: step` pairs [s] with "
                               "increasing times and steps > 0, e.g. "
                               "`0: 1, 100: 10`."));
        if (t_i == schedule.back().first)
          schedule.back().second = dt_i;
        else
          schedule.emplace_back(t_i, dt_i);
      }
  }


  double
  TimeStepper::time() const
  {
    return t;
  }


  unsigned int
  TimeStepper::step_number() const
  {
    return n_steps;
  }


  double
  TimeStepper::end_time() const
  {
    return t_end;
  }


  bool
  TimeStepper::finished() const
  {
    return t >= t_end * (1 - 1e-12);
  }


  double
  TimeStepper::proposed_step(const unsigned int n_reductions) const
  {
    double dt = schedule.front().second;
    for (const auto &[t_i, dt_i] : schedule)
      if (t >= t_i * (1 - 1e-12))
        dt = dt_i;
    if (is_adaptive)
      dt = next_dt;
    // Variable-step BDF2 is zero-stable for step ratios below 1 + sqrt(2):
    // grow the step by at most a factor of two per step.
    if (scheme == Scheme::bdf2 && n_steps > 0)
      dt = std::min(dt, 2 * last_dt);
    // The next time that must be hit exactly: a schedule time, the next
    // multiple of the landing interval (output) or the end time.
    double target = t_end;
    for (const auto &[t_i, dt_i] : schedule)
      if (t_i > t * (1 + 1e-12))
        target = std::min(target, t_i);
    if (landing > 0)
      target = std::min(target,
                        landing * (std::floor(t / landing * (1 + 1e-12)) + 1));
    // Reach it in equal steps no longer than dt: no sliver step before the
    // target, and a constant step (so a reusable Jacobian) in between.
    const double remaining = target - t;
    const double n_to_target
      = std::max(1., std::ceil(remaining / dt * (1 - 1e-9)));
    dt = remaining / n_to_target;
    return std::ldexp(dt, -static_cast<int>(n_reductions));
  }


  void
  TimeStepper::set_landing_interval(const double interval)
  {
    landing = interval;
  }


  bool
  TimeStepper::adaptive() const
  {
    return is_adaptive;
  }


  double
  TimeStepper::tolerance() const
  {
    return theta_tolerance;
  }


  double
  TimeStepper::voltage_tolerance() const
  {
    return potential_tolerance;
  }


  void
  TimeStepper::adapt(const double dt, const double ratio)
  {
    if (!is_adaptive)
      return;
    const double factor
      = ratio > 0 ? std::min(2., std::max(0.2, 0.9 / std::sqrt(ratio))) : 1.;
    next_dt = std::min(max_dt, dt * factor);
  }


  void
  TimeStepper::restart()
  {
    next_dt = initial_dt;
  }


  double
  TimeStepper::last_step() const
  {
    return last_dt;
  }


  bool
  TimeStepper::stalled(const double dt, const unsigned int n_reductions)
  {
    double smallest = initial_dt;
    for (const auto &entry : schedule)
      smallest = std::min(smallest, entry.second);
    n_stalled = (n_reductions > 0 && dt < 1e-3 * smallest) ? n_stalled + 1 : 0;
    return n_stalled >= max_stalled_steps;
  }


  unsigned int
  TimeStepper::max_reductions() const
  {
    return n_max_reductions;
  }


  std::array<double, 3>
  TimeStepper::coefficients(const double dt) const
  {
    if (scheme == Scheme::backward_euler || n_steps == 0)
      return {{1., -1., 0.}};
    const double w = dt / last_dt;
    return {{(1 + 2 * w) / (1 + w), -(1 + w), w * w / (1 + w)}};
  }


  void
  TimeStepper::advance(const double dt)
  {
    t += dt;
    if (std::abs(t - t_end) < 1e-12 * t_end)
      t = t_end;
    last_dt = dt;
    ++n_steps;
  }
} // namespace heterion
