#pragma once

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <utility>
#include <vector>

namespace heterion
{
  /**
   * The time grid and the time-discretization coefficients. Steps follow a
   * fixed step or a schedule (from time t_i on use dt_i); the last step is
   * shortened to land exactly on the end time. After a failed step the
   * step is halved and retried, at most `Maximum step reductions` times.
   *
   * The discrete time derivative of a field u at t_{n+1} is
   *   (a_0 u^{n+1} + a_1 u^n + a_2 u^{n-1}) / dt_n,
   * backward Euler: (1, -1, 0); variable-step BDF2 with w = dt_n/dt_{n-1}:
   *   ((1+2w)/(1+w), -(1+w), w^2/(1+w)), backward Euler on the first step.
   *
   * With `Adaptive = true` the step is chosen from an error ratio r that
   * the simulator measures after each converged step (r <= 1: accept; see
   * Simulator::step_error_ratio): the next step is
   *   dt_new = dt min(2, max(0.2, 0.9 / sqrt(r))),
   * bounded by `Maximum time step`; a step with r > 1 is rejected and
   * retried with dt_new. `Time step` is the first step and the step after
   * a restart() (the start of a protocol step).
   */
  class TimeStepper
  {
  public:
    enum class Scheme
    {
      backward_euler,
      bdf2
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /** Current (last accepted) time [s]. */
    double
    time() const;

    /** Number of accepted steps. */
    unsigned int
    step_number() const;

    bool
    finished() const;

    /** The step to try next [s], given how often it was already halved. */
    double
    proposed_step(const unsigned int n_reductions) const;

    /**
     * Makes the steps land exactly on every multiple of @p interval [s]
     * (the output times); 0 switches this off.
     */
    void
    set_landing_interval(const double interval);

    /** `Adaptive`: the step follows the error ratio (adapt()). */
    bool
    adaptive() const;

    /** Tolerances of the error ratio: theta [-] and voltage [V]. */
    double
    tolerance() const;
    double
    voltage_tolerance() const;

    /**
     * Adaptive only: sets the next step from a step of size @p dt with
     * error ratio @p ratio (0: no estimate, the step is kept).
     */
    void
    adapt(const double dt, const double ratio);

    /** Adaptive only: the next step is `Time step` again. */
    void
    restart();

    /** The size of the last accepted step [s] (0 before the first). */
    double
    last_step() const;

    /**
     * Records that a step of size @p dt is accepted after @p n_reductions
     * halvings, and returns true if the run has stalled: max_stalled_steps
     * steps in a row accepted only after halvings, each below 1e-3 of the
     * smallest step of `Time step` and `Step schedule`. (Under BDF2 a step
     * grows at most twice the last one, so a run that must be cut every
     * step, as a particle driven to a full surface, would crawl on in tiny
     * steps.)
     */
    bool
    stalled(const double dt, const unsigned int n_reductions);

    /** Stalled steps in a row that stop the run (see stalled()). */
    static constexpr unsigned int max_stalled_steps = 20;

    /** The maximum number of halvings of a failed step. */
    unsigned int
    max_reductions() const;

    /** The coefficients a_0, a_1, a_2 for a step of size @p dt. */
    std::array<double, 3>
    coefficients(const double dt) const;

    /** Records an accepted step of size @p dt. */
    void
    advance(const double dt);

    double
    end_time() const;

    /** The state that changes during a run (checkpoints); the settings
     * come from the parameters. */
    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int /*version*/)
    {
      archive &t &last_dt &n_steps &landing &next_dt &n_stalled;
    }

  private:
    Scheme                                 scheme = Scheme::bdf2;
    double                                 t_end  = 1;
    std::vector<std::pair<double, double>> schedule;
    unsigned int                           n_max_reductions = 8;
    double                                 t                = 0;
    double                                 last_dt          = 0;
    unsigned int                           n_steps          = 0;
    double                                 landing          = 0;
    bool                                   is_adaptive      = false;
    double theta_tolerance = 1e-3, potential_tolerance = 1e-3;
    double initial_dt = 1, next_dt = 1, max_dt = 0;
    /** Consecutive steps counted by stalled(). */
    unsigned int n_stalled = 0;
  };
} // namespace heterion
